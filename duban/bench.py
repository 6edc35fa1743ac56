"""`make bench`: the performance figures the issues ask for, measured in one run on this machine.

Each figure is a median over repeated in-process runs; ratios compare figures of the same run,
since machines here are shared and noisy. Results print as a Markdown table that
docs/PERFORMANCE.md keeps (with --write).
"""

from __future__ import annotations

import argparse
import platform
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from duban.core.timing import EXAMPLE, median_cpu_seconds, median_seconds

ROOT = Path(__file__).resolve().parent.parent


def bench_parse(runs: int = 20) -> dict[str, float]:
    """What `duban parse` runs on the example — `read_plan`, layout detection included — against
    reading and splitting its lines: medians of CPU time in this process, and their ratio.

    The header caches (header_kind, header_piece) are emptied before each run, so a run costs
    what a first read of the text does; the unit registry is built once, as a server keeps it.
    """
    from duban.core.importers import read_plan
    from duban.core.importers.assemble.columns import header_kind
    from duban.core.importers.layouts.header import header_piece
    from duban.core.units import units_beside

    units = units_beside(EXAMPLE)

    def read_split() -> object:
        return EXAMPLE.read_text(encoding="utf-8").splitlines()

    def parse() -> object:
        header_kind.cache_clear()
        header_piece.cache_clear()
        return read_plan(EXAMPLE, units=units)

    base = median_cpu_seconds(read_split, runs)
    took = median_cpu_seconds(parse, runs)
    wall = median_seconds(parse, runs)
    return {"parse_s": took, "read_split_s": base, "ratio": took / base, "parse_wall_s": wall}


def _machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.node()} · {os.cpu_count()} cores · {cpu} · Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    p = bench_parse(args.runs)
    rows.append(
        (
            f"parse example (read_plan, layout detection included, 108 tasks), CPU median of "
            f"{args.runs}",
            f"{p['parse_s'] * 1000:.1f} ms",
            f"{p['ratio']:.1f}× reading+splitting ({p['read_split_s'] * 1000:.2f} ms CPU); "
            f"wall {p['parse_wall_s'] * 1000:.1f} ms; goal ≤ 10×",
        )
    )
    for label, fn in _optional_benches():
        try:
            rows.extend(fn())
        except Exception as exc:  # a bench that cannot run says why instead of hiding
            rows.append((label, "not measured", f"{type(exc).__name__}: {exc}"))
    print(f"duban bench — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — {_machine()}")
    print("| what | median | note |\n|---|---|---|")
    for what, value, note in rows:
        print(f"| {what} | {value} | {note} |")
    from duban.web.bench import page_table_text

    print("\nEvery page of every role (issues 18, 21): SQLite, the example, warm, median of 5")
    print(page_table_text())


def _judge_rows() -> list[tuple[str, str, str]]:
    from duban.core.judgement.bench import bench_judge

    took = bench_judge(20)
    return [
        ("judge example (after parsing), median of 20", f"{took * 1000:.1f} ms", "goal < 50 ms")
    ]


def _render_rows() -> list[tuple[str, str, str]]:
    from duban.core.render.bench import bench_render

    r = bench_render()
    rows = [
        ("table as DOCX (whole example), median of 5", f"{r['docx_s']:.2f} s", "goal < 1 s"),
        ("table as XLSX (whole example), median of 5", f"{r['xlsx_s']:.2f} s", "goal < 1 s"),
        (
            "table as PDF, cold (one-off LibreOffice from our DOCX, as the CLI), median of 3",
            f"{r['pdf_s']:.2f} s",
            f"LibreOffice CPU {r['pdf_cpu_s']:.2f} s",
        ),
    ]
    if "pdf_warm_s" not in r:
        rows.append(("table as PDF, warm (resident LibreOffice)", "not measured", "no python3-uno"))
        return rows
    rows += [
        (
            "resident LibreOffice start (the worker's, once)",
            f"{r['resident_start_s']:.2f} s",
            f"LibreOffice CPU {r['resident_start_cpu_s']:.2f} s",
        ),
        (
            "table as PDF, warm (resident LibreOffice, as the worker), median of 5",
            f"{r['pdf_warm_s']:.2f} s",
            f"LibreOffice CPU {r['pdf_warm_cpu_s']:.2f} s; "
            f"{r['pdf_s'] / r['pdf_warm_s']:.1f}× faster than cold; goal < 1.5 s",
        ),
    ]
    return rows


def _table_rows() -> list[tuple[str, str, str]]:
    from duban.core.importers.bench import bench_tables

    return bench_tables()


def _pdf_import_rows() -> list[tuple[str, str, str]]:
    from duban.core.importers.bench import bench_pdf_import

    return bench_pdf_import()


def _web_import_rows() -> list[tuple[str, str, str]]:
    from duban.web.bench import bench_rows

    return bench_rows()


def _dashboard_rows() -> list[tuple[str, str, str]]:
    from duban.web.dashboard.bench import bench_rows

    return bench_rows()


def _optional_benches() -> list[tuple[str, Callable[[], list[tuple[str, str, str]]]]]:
    """Benches of the other layers, each owned by its package."""
    return [
        ("judge example", _judge_rows),
        ("render example", _render_rows),
        ("50-row tables", _table_rows),
        ("PDF import", _pdf_import_rows),
        ("import into SQLite", _web_import_rows),
        ("search and dashboard", _dashboard_rows),
    ]


if __name__ == "__main__":
    main()
