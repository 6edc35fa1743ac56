"""Excel tables (.xlsx; .xls and .et through LibreOffice) → Grid → Plan.

openpyxl in normal mode: read-only mode has no merged cells. Every sheet with a header row is
read, in workbook order; rows above a sheet's header are its title. When several sheets hold a
table and a sheet has no section rows, the sheet's name is its section. A sheet that only repeats
the tasks of an earlier one (the same 序号 and targets, e.g. one row per report) is not read.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from duban.core.errors import Diagnostic, InputError
from duban.core.importers.assemble.columns import is_header_row, map_columns
from duban.core.importers.assemble.plan import grid_to_plan
from duban.core.importers.grid import Cell, Grid, GridRow, looks_like_section
from duban.core.importers.safety import LIMITS, Limits, check_office_zip, convert_legacy
from duban.core.messages import E, W
from duban.core.model import Plan
from duban.core.units import GENERAL, Registry

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_DEFAULT_SHEET = re.compile(r"^(?:Sheet|工作表|Sheet\s*)\d*$", re.I)


def read_xlsx(
    path: str | Path,
    *,
    units: Registry = GENERAL,
    district: str | None = None,
    limits: Limits = LIMITS,
) -> Plan:
    path = Path(path)
    if path.suffix.lower() in (".xls", ".et"):
        with tempfile.TemporaryDirectory() as tmp:
            converted = convert_legacy(path, Path(tmp), limits)
            plan = read_xlsx(converted, district=district, limits=limits, units=units)
            return replace(plan, source=str(path))
    grid, skipped = xlsx_grid(path, limits)
    plan = grid_to_plan(grid, district=district, units=units)
    if skipped:
        notes = tuple(Diagnostic(1, W.SHEET_SKIPPED(sheet=name)) for name in skipped)
        plan = replace(plan, warnings=notes + plan.warnings)
    return plan


def open_workbook(path: Path, limits: Limits = LIMITS, *, read_only: bool) -> Workbook:
    """The workbook, once the upload checks have passed; InputError when it cannot be read."""
    check_office_zip(path, "Excel", limits)
    import openpyxl  # uses defusedxml when it is installed (it is a dependency)

    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl wraps a broken package in many exception types
        raise InputError(
            E.XLSX_UNREADABLE(error=type(exc).__name__),
            source=str(path),
        ) from exc


def xlsx_grid(path: Path, limits: Limits = LIMITS) -> tuple[Grid, list[str]]:
    """The workbook's table sheets as one Grid (line = the sheet's row number), and the skipped sheets."""
    wb = open_workbook(path, limits, read_only=False)
    sheets = [(ws.title, _sheet_rows(ws)) for ws in wb.worksheets]
    tables = [(name, rows, _header_at(rows)) for name, rows in sheets]
    with_table = []
    skipped = [n for n, _, h in tables if h is None]
    seen: set[tuple[str, str]] = set()
    for name, rows, h in tables:
        if h is None:
            continue
        keys = _task_keys(rows, h)
        if keys and keys <= seen:
            # A sheet of the same tasks again (one row per report, say): the first one is read.
            skipped.append(name)
            continue
        seen |= keys
        with_table.append((name, rows, h))
    if not with_table:
        first = next(
            (r for _, rows in sheets for r in rows if sum(1 for t in r.texts if t) > 1), None
        )
        raise InputError(
            E.XLSX_NO_HEADER_SEEN(row="、".join(t for t in first.texts if t))
            if first
            else E.XLSX_NO_HEADER(),
            source=str(path),
        )
    out: list[GridRow] = []
    for name, rows, h in with_table:
        for row in rows[:h]:
            out.append(replace(row, kind="furniture"))
        body = rows[h:]
        out.append(body[0])
        if len(with_table) > 1 and not _default_name(name) and not _has_sections(body[1:]):
            out.append(GridRow((Cell(name),), body[0].line, kind="section"))
        out += body[1:]
    return Grid(tuple(out), source=str(path)), skipped


def _sheet_rows(ws: Worksheet) -> list[GridRow]:
    covered: dict[tuple[int, int], Cell] = {}
    for rng in ws.merged_cells.ranges:
        anchor = _text(ws.cell(rng.min_row, rng.min_col).value)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) == (rng.min_row, rng.min_col):
                    continue
                covered[r, c] = (
                    Cell(anchor, left=True) if r == rng.min_row else Cell("", above=True)
                )
    rows: list[GridRow] = []
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = tuple(covered.get((r, c)) or Cell(_text(v)) for c, v in enumerate(values, start=1))
        if any(c.text for c in cells):
            rows.append(GridRow(_trim(cells), r))
    return rows


def _trim(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    # Sheets often carry empty formatted columns to the right of the table.
    end = len(cells)
    while end > 1 and not cells[end - 1].text and not cells[end - 1].above:
        end -= 1
    return cells[:end]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).replace("\r\n", "\n").replace("_x000D_", "").strip()


def _task_keys(rows: list[GridRow], h: int) -> set[tuple[str, str]]:
    """(序号, target) of a sheet's task rows, to tell a sheet that repeats another's tasks."""
    columns = map_columns([rows[h].texts])
    seq = next((i for i, c in enumerate(columns) if c.kind == "seq"), None)
    target = next((i for i, c in enumerate(columns) if c.kind == "target"), None)
    if seq is None or target is None:
        return set()
    keys = set()
    for row in rows[h + 1 :]:
        texts = row.texts
        if max(seq, target) < len(texts) and texts[seq].isdigit() and texts[target]:
            keys.add((texts[seq], texts[target]))
    return keys


def _header_at(rows: list[GridRow]) -> int | None:
    return next((i for i, row in enumerate(rows) if is_header_row(row.texts)), None)


def _has_sections(rows: list[GridRow]) -> bool:
    return any(looks_like_section(" ".join(dict.fromkeys(t for t in r.texts if t))) for r in rows)


def _default_name(name: str) -> bool:
    return bool(_DEFAULT_SHEET.match(name.strip()))
