"""Web-page text of a table cut into cells, in the layouts browsers and converters leave.

One cell per line with blank lines between cells (a table's text), one row per line with cells
split by '|' or tabs, and each cell on its own line(s) ending in ' |'. Only the cutting is done
here; which cells are the header and where rows end is header.py's and rows.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TextCell:
    text: str
    line: int  # 1-based line where the cell starts


_PIPE_RULE = re.compile(r"^[|\s:：\-—=+]+$")


def blank_line_cells(text: str) -> list[TextCell]:
    """Cells separated by blank lines; the lines of one cell (its <br>s) stay together.

    One blank line separates two cells; an empty cell leaves two more ('a', '', '', '', 'b'
    holds an empty cell between a and b), as converters write each cell followed by a blank line.
    """
    cells: list[TextCell] = []
    current: list[str] = []
    start = 0
    blanks = 0
    for no, raw in enumerate(text.splitlines(), start=1):
        s = raw.strip()
        if not s:
            if current:
                cells.append(TextCell("\n".join(current), start))
                current = []
            blanks += 1
            continue
        if cells and not current and blanks >= 3:
            cells += [TextCell("", no - blanks + 1)] * ((blanks - 1) // 2)
        blanks = 0
        if not current:
            start = no
        current.append(s)
    if current:
        cells.append(TextCell("\n".join(current), start))
    return cells


def line_cells(text: str) -> list[TextCell]:
    """Every non-blank line a cell: a table's text where each cell is one line (a page's
    cells copied without the blank lines between them). The lines of a long cell come as
    cells of their own; rows.py joins them to their column."""
    return [
        TextCell(s, no) for no, raw in enumerate(text.splitlines(), start=1) if (s := raw.strip())
    ]


def pipe_end_cells(text: str) -> tuple[list[str], list[TextCell]]:
    """Cells that end in ' |', one or more lines each → (front lines, cells)."""
    lines = text.splitlines()
    top = next((i for i, x in enumerate(lines) if x.rstrip().endswith("|")), len(lines))
    # The first cell (the header's first name, 序号) is its own line: the title and notes right
    # above it are front matter.
    front = lines[:top]
    cells: list[TextCell] = []
    current: list[str] = []
    start = top + 1
    for no, raw in enumerate(lines[top:], start=top + 1):
        s = raw.strip()
        if not current:
            if not s:
                continue
            start = no
        ends = s.endswith("|")
        current.append(s[:-1].strip() if ends else s)
        if ends:
            cells.append(TextCell("\n".join(x for x in current if x), start))
            current = []
    if any(current):
        cells.append(TextCell("\n".join(x for x in current if x), start))
    return front, cells


def pipe_rows(text: str, sep: str = "|") -> tuple[list[str], list[list[TextCell]]]:
    """One row per line, cells split by '|' (or a tab) → (front lines, rows).

    A line without the separator is kept whole. Whether rows are framed ('| 1 | … |',
    markdown) is decided once for the document, so a row whose first cell is empty
    (' | | 牵头 | 配合') keeps that cell.
    """
    lines = text.splitlines()
    keep = " \r\u3000" if sep == "\t" else None  # tabs at the ends are empty cells
    piped = [x.strip(keep) for x in lines if sep in x]
    framed_left = sum(x.startswith(sep) for x in piped) * 2 > len(piped)
    framed_right = sum(x.endswith(sep) for x in piped) * 2 > len(piped)
    front: list[str] = []
    rows: list[list[TextCell]] = []
    for no, raw in enumerate(lines, start=1):
        s = raw.strip(keep)
        if not s.strip() or (sep == "|" and _PIPE_RULE.match(s)):
            continue  # blank, or a markdown rule |---|---|
        if sep not in s:
            if rows:
                rows.append([TextCell(s.strip(), no)])
            else:
                front.append(s.strip())
            continue
        if framed_left and s.startswith(sep):
            s = s[1:]
        if framed_right and s.endswith(sep):
            s = s[:-1]
        rows.append([TextCell(c.strip(), no) for c in s.split(sep)])
    return front, rows
