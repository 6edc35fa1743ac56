"""`make bench` rows for the table importers: our PDF import beside pdfplumber's own
extract_tables, and 50-row tables of the genre as Word, Excel and text.

The PDF is the example as duban's own outputs render it (table_docx → LibreOffice), made once
into var/bench/. The 50-row tables are written here each run: numeric target, actual and share
columns, the office's status, a leader, a deadline, a progress sentence, the lead unit merged
down over each pair of rows.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

from duban.core.timing import EXAMPLE

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
    plan = read_plan(EXAMPLE, units=units_beside(EXAMPLE))
    pdf.write_bytes(docx_to_pdf(table_docx(plan)))
    return pdf


def _medians(fns: list[Callable[[], object]], runs: int) -> list[float]:
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

    units = units_beside(EXAMPLE)
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


TABLE_HEADER = (
    "序号", "指标名称", "目标任务", "1-7月完成", "完成比例(%)", "牵头单位", "责任领导", "是否达序",
    "进展情况", "完成时限",
)  # fmt: skip


def table_rows(n: int = 50) -> list[list[str]]:
    """n task rows of the genre; the lead unit and leader of an even row are those above it."""
    rows = []
    for i in range(1, n + 1):
        target, done = 1000 + 37 * i, 500 + 19 * i
        rows.append(
            [
                str(i),
                f"第{i}项民生指标（个）",
                str(target),
                str(done),
                f"{done / target * 100:.1f}",
                f"县第{(i + 1) // 2}局",
                f"张{(i + 1) // 2}明",
                "是" if done / target >= 7 / 12 else "否",
                f"1-7月完成{done}个，完成全年目标的{done / target * 100:.1f}%，其余正在推进。",
                f"{(i % 12) + 1}月底前",
            ]
        )
    return rows


def write_table_docx(path: Path, rows: list[list[str]]) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("某县2024年重点民生指标推进情况表（1-7月）")
    table = doc.add_table(rows=len(rows) + 1, cols=len(TABLE_HEADER))
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = text
    for r, texts in enumerate(rows, start=1):
        for c, text in enumerate(texts):
            if c in (5, 6) and r % 2 == 0:
                table.cell(r - 1, c).merge(table.cell(r, c))
            else:
                table.cell(r, c).text = text
    doc.save(str(path))
    return path


def write_table_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from duban.core.render.table_xlsx import new_workbook

    wb, ws = new_workbook("Sheet")
    ws.append(["某县2024年重点民生指标推进情况表（1-7月）"])
    ws.append(list(TABLE_HEADER))
    for texts in rows:
        ws.append(texts)
    for r in range(4, len(rows) + 3, 2):  # sheet rows: title 1, header 2, task 1 on row 3
        for c in (6, 7):
            ws.merge_cells(start_row=r - 1, start_column=c, end_row=r, end_column=c)
    wb.save(path)
    return path


def bench_tables(runs: int = 20) -> list[tuple[str, str, str]]:
    """Median time to read a 50-row table of the genre as DOCX, XLSX and pipe-row text."""
    import tempfile

    from duban.core.importers import read_plan

    rows = table_rows(50)
    with tempfile.TemporaryDirectory() as tmp:
        docx = write_table_docx(Path(tmp) / "table.docx", rows)
        xlsx = write_table_xlsx(Path(tmp) / "table.xlsx", rows)
        text = Path(tmp) / "table.txt"
        lines = [" | ".join(TABLE_HEADER), *(" | ".join(r) for r in rows)]
        text.write_text("某县2024年重点民生指标推进情况表（1-7月）\n" + "\n".join(lines) + "\n")
        paths = [docx, xlsx, text]
        for p in paths:
            assert len(read_plan(p).tasks) == 50, p
        took = _medians([functools.partial(read_plan, p) for p in paths], runs)
    goals = ("goal < 100 ms", "goal < 100 ms", "goal < 50 ms")
    names = ("DOCX", "XLSX", "text (pipe rows)")
    return [
        (f"read a 50-row table as {name} (merged cells, figures), median of {runs}",
         f"{t * 1000:.1f} ms", goal)
        for name, t, goal in zip(names, took, goals, strict=True)
    ]  # fmt: skip


if __name__ == "__main__":
    for row in bench_pdf_import():
        print(" | ".join(row))
