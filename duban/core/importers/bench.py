"""`make bench` rows for the table importers: our PDF import beside pdfplumber's own extract_tables.

The PDF is the example as duban's own outputs render it (table_docx → LibreOffice), made once
into var/bench/.
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / "var" / "bench"


def example_pdf() -> Path:
    """The example as the outputs render it: Word table → LibreOffice → PDF (made once)."""
    pdf = CACHE / "yicheng-2021-q3-table.pdf"
    if pdf.exists():
        return pdf
    from duban.core.importers import read_plan
    from duban.core.render.pdf import docx_to_pdf
    from duban.core.render.table_docx import table_docx
    from duban.core.units import units_beside

    CACHE.mkdir(parents=True, exist_ok=True)
    example = ROOT / "examples" / "yicheng-2021-q3.txt"
    plan = read_plan(example, units=units_beside(example))
    pdf.write_bytes(docx_to_pdf(table_docx(plan)))
    return pdf


def _medians(fns: list, runs: int) -> list[float]:
    """Median seconds of each function, run in turns so that a busy machine weighs on all alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, times, strict=True):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return [sorted(ts)[len(ts) // 2] for ts in times]


def bench_pdf_import(path: Path | None = None, runs: int = 3) -> list[tuple[str, str, str]]:
    """Median seconds per page: read_pdf against pdfplumber's extract_tables (goal: ≤ 1.5×)."""
    import pdfplumber

    from duban.core.importers.formats.pdf import read_pdf

    path = path or example_pdf()

    def plumber() -> None:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()

    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    from duban.core.units import units_beside

    units = units_beside(ROOT / "examples" / "yicheng-2021-q3.txt")
    ours, theirs = _medians([lambda: read_pdf(path, units=units), plumber], runs)
    plan = read_pdf(path, units=units)
    return [
        (
            f"PDF import ({pages} pages, {len(plan.tasks)} tasks), median of {runs}",
            f"{ours / pages * 1000:.1f} ms/page",
            f"pdfplumber extract_tables alone {theirs / pages * 1000:.1f} ms/page; "
            f"ours {ours / theirs:.2f}× theirs (goal ≤ 1.5×)",
        )
    ]


if __name__ == "__main__":
    for row in bench_pdf_import():
        print(" | ".join(row))
