"""Rows whose cells are set apart by spaces, as a table copied to plain text often is:

    序号 项目名称 年度目标 完成值 完成率 牵头单位 完成时限
    3 老旧小区改造（个） 12 县住建局 2024年11月

An empty cell leaves no trace, so each value is placed by its kind: a count goes to a number
column, a share (30%) to a share column, a date to the deadline, a unit's name to a unit
column, words to the task's words. The placement that fits most values, in order, wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.cells import parse_deadline
from duban.core.importers.assemble.columns import ColumnMeaning, is_header_row, map_columns
from duban.core.importers.assemble.numbers import parse_seq
from duban.core.importers.assemble.schema import is_status_text, parse_number
from duban.core.importers.grid import Grid, GridRow
from duban.core.importers.layouts.furniture import split_front
from duban.core.messages import W
from duban.core.units import looks_like_unit

_SHARE = re.compile(r"^\d{1,3}(?:\.\d+)?[%％]$")
_DATE = re.compile(r"\d|年|月|季度|底|前|长期|持续")
_TEXT_KINDS = ("target", "progress", "plan", "measures", "problems", "next_steps", "notes")


def _kind_of(token: str) -> str:
    if _SHARE.match(token):
        return "share"
    if parse_number(token) is not None:
        return "number"
    if len(token) <= 16 and _DATE.search(token) and parse_deadline(token) is not None:
        return "date"
    if looks_like_unit(token):
        return "unit"
    if is_status_text(token):
        return "status"
    return "words"


def _accepts(col: ColumnMeaning, kind: str, first_text: bool) -> bool:
    """Whether a column takes a value of this kind (the first text column takes words only)."""
    share = col.role == "share" or col.unit == "%" or re.search(r"率|比例", col.header)
    if kind == "share":
        return bool(share) or col.kind == "progress"
    if kind == "number":
        return (col.kind == "figure" and not share) or (col.kind == "target" and not first_text)
    if kind == "date":
        return col.kind == "deadline"
    if kind == "unit":
        return col.kind in ("units", "lead", "co")
    if kind == "status":
        return col.kind in ("status", "notes", "progress")
    return col.kind in (*_TEXT_KINDS, "leader", "unknown", "info") or (
        col.kind == "target" and first_text
    )


def place(tokens: Sequence[str], columns: Sequence[ColumnMeaning]) -> list[str] | None:
    """The tokens of a row (after its number) in their columns, in order; None when no
    placement takes every token. Words may run on over several tokens of one text column."""
    n, m = len(tokens), len(columns)
    if n == 0 or m == 0:
        return [""] * m if n == 0 else None
    first_text = next((j for j, c in enumerate(columns) if c.kind == "target"), -1)
    kinds = [_kind_of(t) for t in tokens]
    ok = [[_accepts(c, k, j == first_text) for j, c in enumerate(columns)] for k in kinds]
    # best[i][j]: (columns filled, minus the sum of their places, the previous token's column)
    # for tokens[:i+1] with token i in column j; ties go to the columns further left, as a
    # value left out is most often one of the last (完成值 not yet reported).
    best: list[list[tuple[int, int, int] | None]] = [[None] * m for _ in range(n)]
    for j in range(m):
        if ok[0][j]:
            best[0][j] = (1, -j, -1)
    for i in range(1, n):
        for j in range(m):
            if not ok[i][j]:
                continue
            options = []
            for k in range(j + 1):
                prev = best[i - 1][k]
                if prev is None:
                    continue
                if k < j:
                    options.append((prev[0] + 1, prev[1] - j, k))
                elif kinds[i] == "words" and columns[j].kind in _TEXT_KINDS:
                    options.append((prev[0], prev[1], k))  # words run on in one text column
            if options:
                best[i][j] = max(options, key=lambda o: (o[0], o[1]))
    ends = [(best[n - 1][j], j) for j in range(m) if best[n - 1][j] is not None]
    if not ends:
        return None
    end = max(ends, key=lambda e: (e[0][0], e[0][1]))[1]  # type: ignore[index]
    cells = [""] * m
    j = end
    for i in range(n - 1, -1, -1):
        cells[j] = f"{tokens[i]} {cells[j]}".strip() if cells[j] else tokens[i]
        j = best[i][j][2]  # type: ignore[index]
    return cells


def spaced_to_grid(text: str, source: str) -> tuple[Grid, list[Diagnostic]] | None:
    """A header line of column names set apart by spaces and rows that open with a number →
    a Grid; None when the text has no such header followed by such rows."""
    lines = text.splitlines()
    at = next(
        (i for i, x in enumerate(lines[:300]) if len(x.split()) >= 3 and is_header_row(x.split())),
        None,
    )
    if at is None:
        return None
    names = lines[at].split()
    columns = map_columns([names])
    seq_first = columns[0].kind == "seq"
    title, furniture = split_front(lines[:at])
    rows = [GridRow.of([x], 0, kind="furniture") for x in furniture]
    rows.append(GridRow.of(names, at + 1, kind="header"))
    warnings: list[Diagnostic] = []
    body = 0
    for no, raw in enumerate(lines[at + 1 :], start=at + 2):
        tokens = raw.split()
        if not tokens:
            continue
        if seq_first and parse_seq(tokens[0]) is None:
            if len(tokens) == 1 and rows[-1].kind == "body":
                rows[-1] = _continued(rows[-1], tokens[0], columns)  # a wrapped cell
            else:
                rows.append(GridRow.of([raw.strip()], no, kind="section"))
            continue
        head, rest = (tokens[:1], tokens[1:]) if seq_first else ([], tokens)
        placed = place(rest, columns[len(head) :])
        if placed is None:
            warnings.append(Diagnostic(no, W.ROW_FITS_NO_COLUMN()))
            placed = [" ".join(rest)] + [""] * (len(columns) - len(head) - 1)
        rows.append(GridRow.of([*head, *placed], no, kind="body"))
        body += 1
    if body < 1:
        return None
    return Grid(tuple(rows), source=source, title=title, text="\n".join(furniture)), warnings


def _continued(row: GridRow, more: str, columns: Sequence[ColumnMeaning]) -> GridRow:
    texts = row.texts
    i = next((k for k, c in enumerate(columns) if c.kind == "target"), len(texts) - 1)
    texts[i] = f"{texts[i]}{more}"
    return GridRow.of(texts, row.line, row.page, kind="body")
