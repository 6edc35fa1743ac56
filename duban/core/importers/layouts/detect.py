"""Any text of a task table → a Plan: the layout is detected from the text itself, no flag.

Layouts, tried in this order:
- "pipe-rows": one row per line, cells split by ' | ' (markdown tables too);
- "tab-rows": one row per line, cells split by tabs (a table copied from a browser);
- "pipe-cells": each cell on its own line(s), ending in ' |';
- "cells": one cell per line with blank lines between cells (an HTML table's text), recognised
  by its header: column names on lines of their own;
- "lines": the same without blank lines, every line a cell (tried after the list layout, whose
  label lines would read as cells);
- "list": numbered targets followed by label lines (牵头单位：…, 责任单位:…);
- "pdf": our example's PDF-extracted layout, read by pdf_text.parse_text.
The first five build a Grid (rows.py, lists.py) that assemble/plan.grid_to_plan reads; this
module adds what only a document's text tells: its period and the warnings of the cutting.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from duban.core.errors import Diagnostic, InputError
from duban.core.importers.assemble.leaders import split_leaders
from duban.core.importers.assemble.period import document_period
from duban.core.importers.assemble.plan import grid_to_plan
from duban.core.importers.grid import Grid
from duban.core.importers.layouts.cutting import (
    blank_line_cells,
    line_cells,
    pipe_end_cells,
    pipe_rows,
)
from duban.core.importers.layouts.header import find_header
from duban.core.importers.layouts.lines import decode
from duban.core.importers.layouts.lists import list_to_grid, looks_like_list, numbered_to_grid
from duban.core.importers.layouts.pdf_text import looks_like_pdf_text, parse_text
from duban.core.importers.layouts.rows import rows_to_grid, stream_to_grid
from duban.core.importers.layouts.spaced import spaced_to_grid
from duban.core.messages import E
from duban.core.model import Plan
from duban.core.units import GENERAL, Registry

Layout = Literal["pipe-rows", "tab-rows", "pipe-cells", "cells", "list", "lines", "pdf"]

_INNER_PIPE = re.compile(r"\S\s*\|\s*\S")
_HEAD_LINES = 1000
# '东湖区2024年…': a title that opens with its district, when no 人民政府 names it.
_TITLE_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,3}[区县市])\s*20\d\d\s*年")


def detect_layout(text: str) -> Layout | None:
    """Which layout a text is in (see the module docstring); None when none fits."""
    found = _web_layout(text, "<text>")
    if found is not None:
        return found[0]
    return "pdf" if looks_like_pdf_text(text) else None


Built = tuple[Grid, list[Diagnostic]]


def _web_layout(text: str, source: str) -> tuple[Layout, Built] | None:
    """The first web layout whose reader finds a header in the text, with what it built.

    The signs are read in the first lines only (a PDF extract is long); a page whose
    furniture ends a line in '|' ('长辈版|') is still tried as the next layout.
    """
    head_lines = text.splitlines()[:_HEAD_LINES]
    candidates: list[Layout] = []
    if any("|" in x for x in head_lines):
        piped = [x.strip() for x in head_lines if "|" in x]
        if sum(len(_INNER_PIPE.findall(x)) >= 2 for x in piped) >= 2:
            candidates.append("pipe-rows")
        if sum(x.endswith("|") for x in piped) >= 3:
            candidates.append("pipe-cells")
    if sum(x.count("\t") >= 2 for x in head_lines) >= 2:
        candidates.append("tab-rows")  # a table copied from a browser
    head = "\n".join(head_lines)
    if find_header(blank_line_cells(head)) is not None:
        candidates.append("cells")
    if looks_like_list(head):
        candidates.append("list")
    if "cells" not in candidates and find_header(line_cells(head)) is not None:
        candidates.append("lines")
    for layout in candidates:
        built = build_grid(text, source, layout)
        if built is not None:
            return layout, built
    return None


def parse_any_text(
    text: str, source: str = "<text>", *, units: Registry = GENERAL, district: str | None = None
) -> Plan:
    """Detect the text's layout and read it; the example's layout goes to pdf_text unchanged."""
    found = _web_layout(text, source)
    if found is None:
        try:
            return parse_text(text, source=source, district=district, units=units)
        except InputError:
            if looks_like_pdf_text(text):
                raise  # the PDF layout, with a fault its reader names (a truncated copy …)
        # Forms with few signs of a table, tried once the example's PDF layout is ruled out:
        # rows set apart by spaces, then a bulletin's numbered findings.
        for reader in (spaced_to_grid, numbered_to_grid):
            built = reader(text, source)
            if built is not None:
                grid, warnings = built
                return _finish(grid_to_plan(grid, district=district, units=units), grid, warnings)
        seen = _seen(text)
        raise InputError(
            E.NO_TASK_TABLE_SEEN(row=seen) if seen else E.NO_TASK_TABLE(),
            source=source,
            line=1,
        )
    _, (grid, warnings) = found
    plan = grid_to_plan(grid, district=district, units=units)
    return _finish(plan, grid, warnings)


def _seen(text: str) -> str:
    """The first row of cells a text holds, named in the refusal: what it took for a header."""
    for sep in ("|", "\t"):
        _, rows = pipe_rows(text, sep=sep)
        first = next((r for r in rows if sum(1 for c in r if c.text) > 1), None)
        if first is not None:
            return "、".join(c.text for c in first if c.text)
    return ""


def build_grid(text: str, source: str, layout: Layout | None) -> Built | None:
    """The Grid of a text in one of the web layouts, with the warnings of cutting it into cells."""
    if layout == "pipe-rows":
        front, rows = pipe_rows(text)
        return rows_to_grid(front, rows, source)
    if layout == "tab-rows":
        front, rows = pipe_rows(text, sep="\t")
        return rows_to_grid(front, rows, source)
    if layout == "pipe-cells":
        front, cells = pipe_end_cells(text)
        return stream_to_grid(front, cells, source)
    if layout == "cells":
        return stream_to_grid([], blank_line_cells(text), source)
    if layout == "list":
        return list_to_grid(text, source)
    if layout == "lines":
        return stream_to_grid([], line_cells(text), source)
    return None


def _finish(plan: Plan, grid: Grid, warnings: list[Diagnostic]) -> Plan:
    """The document's own period (a plan table has none) and leaders split; warnings in line order."""
    period = None
    if plan.kind == "progress":
        period = document_period(plan.title, list(plan.furniture), plan.year) or plan.period
    sections = tuple(
        dataclasses.replace(
            s,
            tasks=tuple(
                dataclasses.replace(t, people=split_leaders(t.people)) if t.people else t
                for t in s.tasks
            ),
        )
        for s in plan.sections
    )
    merged = sorted([*warnings, *plan.warnings], key=lambda w: w.line)
    district = plan.district
    if district is None:
        m = _TITLE_PLACE.match(plan.title)
        district = m.group(1) if m else None
    return dataclasses.replace(
        plan, period=period, sections=sections, warnings=tuple(merged), district=district
    )


def read_text_file(path: Path, *, units: Registry = GENERAL, district: str | None = None) -> Plan:
    """A .txt document in any layout this module knows (what read_plan calls for text)."""
    text = decode(path.read_bytes(), str(path))
    return parse_any_text(text, str(path), district=district, units=units)


def debug_layout(text: str, source: str = "<text>") -> Iterator[str]:
    """The layers laid bare (`duban parse --debug`): the layout, then every Grid row as cut."""
    found = _web_layout(text, source)
    if found is None:
        yield f"layout: {detect_layout(text)}"
        return
    layout, (grid, warnings) = found
    yield f"layout: {layout}"
    yield f"title: {grid.title}"
    for row in grid.rows:
        yield f"{row.line:5d} {row.kind or '-':9s} " + " ‖ ".join(
            t.replace("\n", "⏎") for t in row.texts
        )
    for w in warnings:
        yield f"warning line {w.line}: {w.message}"
