"""Web-page text of a table → a Grid (grid.py): the cells of HTML tables as browsers copy them.

Three layouts are cut into cells here: one cell per line with blank lines between cells (a
table's text), one row per line with cells split by '|', and each cell on its own line(s) ending
in ' |'. Whatever the layout, the header is found as a run of short cells naming columns, even
when a header cell is broken over lines ('责任' / '单位'); the rows of a cell stream are cut at
task numbers; a row one cell short (a vertically merged unit cell) takes the cell from the row
above, with a warning; extra cells (paragraphs of one long cell) join the progress column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from duban.core.errors import Diagnostic
from duban.core.importers.cells import split_units
from duban.core.importers.columns import (
    _EXACT as _COLUMN_NAMES,  # exact header names; see the report to the columns owner
)
from duban.core.importers.columns import (
    ColumnKind,
    header_kind,
    is_header_row,
    map_columns,
    normalize_header,
    period_end_month,
)
from duban.core.importers.furniture import is_furniture, split_front
from duban.core.importers.grid import Grid, GridRow, looks_like_section
from duban.core.importers.lines import SECTION
from duban.core.units import looks_like_unit


@dataclass(frozen=True)
class TextCell:
    text: str
    line: int  # 1-based line where the cell starts


_SEQ = re.compile(r"^[（(]?(\d{1,3})[）)]?[.．、]?$")
_LEADER = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:[（(][^）)]{1,10}[）)])?$")
_HEADER_SEARCH = 300
_PIPE_RULE = re.compile(r"^[|\s:：\-—=+]+$")
# Columns a vertical merge empties in the rows below its anchor, most likely first.
_CARRIED: tuple[ColumnKind, ...] = ("units", "lead", "co", "leader", "deadline", "category")


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


def pipe_end_cells(text: str) -> tuple[list[str], list[TextCell]]:
    """Cells that end in ' |', one or more lines each → (front lines, cells)."""
    lines = text.splitlines()
    first = next((i for i, x in enumerate(lines) if x.rstrip().endswith("|")), len(lines))
    # The first cell is the non-blank lines right above the first '|'; the rest is front matter.
    top = first
    while top > 0 and lines[top - 1].strip():
        top -= 1
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


def _joins(a: str, b: str) -> bool:
    """Whether two header pieces are one column name broken over lines ('责任' + '单位')."""
    joined = normalize_header(a + b)
    if joined in _COLUMN_NAMES:
        return True
    # Otherwise only a short unknown piece ('年度' before '任务') starts a longer name.
    return (
        len(normalize_header(a)) <= 3 and header_kind(a) is None and header_kind(joined) is not None
    )


def merge_header_pieces(pieces: Sequence[TextCell]) -> list[TextCell]:
    """Header cells broken over lines or blank lines ('年度' '任务' '目标') → one cell per column."""
    out: list[TextCell] = []
    for p in pieces:
        if out and _joins(out[-1].text, p.text):
            out[-1] = TextCell(out[-1].text + p.text, out[-1].line)
        else:
            out.append(p)
    return _unfold_levels([TextCell(normalize_header(c.text), c.line) for c in out])


def _sublevel(name: str) -> bool:
    return header_kind(name) in ("lead", "co") or period_end_month(name) is not None


def _unfold_levels(names: list[TextCell]) -> list[TextCell]:
    """A two-level header read cell by cell: '责任单位' … '进展情况' '牵头' '配合' puts 牵头 and
    配合 in the place of the merged 责任单位 cell above them (一季度 … under 形象进度 alike)."""
    k = len(names)
    while k > 0 and _sublevel(names[k - 1].text):
        k -= 1
    tail = names[k:]
    if len(tail) < 2 or k < 2:
        return names
    kinds = {header_kind(c.text) for c in tail}
    parents = ("units",) if kinds <= {"lead", "co"} else ("milestone",)
    head = names[:k]
    for i, c in enumerate(head):
        if header_kind(c.text) in parents and c.text not in [t.text for t in tail]:
            return [*head[:i], *tail, *head[i + 1 :]]
    return names


def _header_piece(text: str) -> bool:
    """Short, no sentence punctuation, no number; an unknown piece is no unit name either."""
    s = normalize_header(text)
    if not 0 < len(s) <= 12 or re.search(r"[，。；：、！？,;\d]", s):
        return False
    return header_kind(s) is not None or not looks_like_unit(s)


def find_header(cells: Sequence[TextCell]) -> tuple[int, int, list[TextCell]] | None:
    """The first run of short cells that names the table's columns → (start, end, columns).

    Only the first cells are searched: page furniture above a table is tens of cells, and a
    PDF extract's thousands of lines hold no such run.
    """
    for i in range(min(len(cells), _HEADER_SEARCH)):
        if not _header_piece(cells[i].text) or header_kind(cells[i].text) is None:
            continue
        j = i
        while (
            j < len(cells)
            and _header_piece(cells[j].text)
            and not looks_like_section(cells[j].text)
        ):
            j += 1
        # A run ends at its last column name: a row-wide title (经济发展类) may follow the header.
        while (
            j - 1 > i
            and header_kind(cells[j - 1].text) is None
            and not _joins(cells[j - 2].text, cells[j - 1].text)
        ):
            j -= 1
        names = merge_header_pieces(cells[i:j])
        if (
            len(names) >= 2
            and header_kind(names[0].text) is not None
            and is_header_row([c.text for c in names])
        ):
            return i, j, names
    return None


def stream_to_grid(
    front: list[str], cells: list[TextCell], source: str
) -> tuple[Grid, list[Diagnostic]] | None:
    """A stream of cells (row ends unmarked) → Grid; None when no header row is found."""
    found = find_header(cells)
    if found is None:
        return None
    start, end, names = found
    front = front + [c.text for c in cells[:start]]
    width = len(names)
    columns = map_columns([[c.text for c in names]])
    seq_col = next((i for i, c in enumerate(columns) if c.kind == "seq"), None)
    body, tail = _trailing_furniture(cells[end:])
    rows: list[tuple[str, list[TextCell]]] = []  # (kind, cells)
    last_seq = 0
    i = 0
    while i < len(body):
        cell = body[i]
        current = rows[-1][1] if rows and rows[-1][0] == "body" else None
        filled = len(current) if current is not None else width
        at_row_end = filled >= width - 1
        if _is_repeated_header(body, i, names) and at_row_end:
            i += width
            continue
        m = _SEQ.match(cell.text) if seq_col == 0 else None
        n = int(m.group(1)) if m else 0
        if m and n > last_seq and (at_row_end or (n == last_seq + 1 and filled >= 2)):
            rows.append(("body", [cell]))
            last_seq = n
        elif _is_section_cell(cell.text) and (
            at_row_end or (filled >= 2 and SECTION.match(cell.text.strip()))
        ):
            rows.append(("section", [cell]))
        elif seq_col == 0 and filled >= width and _spans_row(body, i, last_seq):
            rows.append(("section", [cell]))  # a title cell across the table: 经济发展类
        elif seq_col != 0 and (current is None or filled >= width):
            rows.append(("body", [cell]))
        elif current is None:
            front.append(cell.text)  # between the header and the first row: a note
        else:
            current.append(cell)
        i += 1
    warnings: list[Diagnostic] = []
    title, furniture = split_front(front)
    grid_rows = _front_rows(furniture)
    grid_rows.append(GridRow.of([c.text for c in names], names[0].line, kind="header"))
    previous: list[str] | None = None
    for k, (kind, row) in enumerate(rows):
        if kind == "section":
            grid_rows.append(GridRow.of([row[0].text], row[0].line, kind="section"))
            continue
        texts = fit_row(row, columns, previous, k == len(rows) - 1, warnings)
        grid_rows.append(GridRow.of(texts, row[0].line, kind="body"))
        previous = texts
    return Grid(
        tuple(grid_rows), source=source, title=title, text="\n".join(furniture + tail)
    ), warnings


def rows_to_grid(
    front: list[str], rows: list[list[TextCell]], source: str
) -> tuple[Grid, list[Diagnostic]] | None:
    """Rows already cut ('|' layouts) → Grid; a header broken over two lines is joined."""
    at = next((i for i, r in enumerate(rows) if is_header_row([c.text for c in r])), None)
    if at is None:
        return None
    names = [c.text for c in rows[at]]
    k = at + 1
    while k < len(rows) and _header_continues(names, rows[k]):
        names = _header_levels(names, [c.text for c in rows[k]])
        k += 1
    names = [normalize_header(n) for n in names]
    columns = map_columns([names])
    front = front + [" ".join(c.text for c in r) for r in rows[:at]]
    warnings: list[Diagnostic] = []
    title, furniture = split_front(front)
    grid_rows = _front_rows(furniture)
    grid_rows.append(GridRow.of(names, rows[at][0].line, kind="header"))
    body = _join_broken_rows(rows[k:], columns)
    tail: list[str] = []
    while body and len(body[-1]) == 1 and is_furniture(body[-1][0].text):
        tail.insert(0, body.pop()[0].text)
    previous: list[str] | None = None
    for n, row in enumerate(body):
        texts = [c.text for c in row]
        if len([t for t in texts if t]) == 1 and _is_section_cell(next(t for t in texts if t)):
            grid_rows.append(GridRow.of([next(t for t in texts if t)], row[0].line, kind="section"))
            continue
        if len(row) == 1 and previous is not None and grid_rows[-1].kind != "section":
            last = grid_rows.pop()  # a line of the last cell wrapped without a '|'
            cells = last.texts
            cells[-1] = f"{cells[-1]}\n{row[0].text}"
            grid_rows.append(GridRow.of(cells, last.line, kind="body"))
            continue
        if [normalize_header(t) for t in texts] == names:
            continue  # the header repeated
        texts = fit_row(row, columns, previous, n == len(body) - 1, warnings)
        grid_rows.append(GridRow.of(texts, row[0].line))
        previous = texts
    return Grid(
        tuple(grid_rows), source=source, title=title, text="\n".join(furniture + tail)
    ), warnings


def _join_broken_rows(rows: list[list[TextCell]], columns: Sequence) -> list[list[TextCell]]:
    """A cell of several paragraphs breaks its row over lines ('目标第一段' / '第二段<tab>单位…'):
    a row short of cells takes the next line when that line opens no task."""
    if not columns or columns[0].kind != "seq":
        return rows
    out: list[list[TextCell]] = []
    for row in rows:
        opens = bool(_SEQ.match(row[0].text)) or (len(row) == 1 and _is_section_cell(row[0].text))
        short = len(out[-1]) < len(columns) or len(row) == 1 if out else False
        if out and not opens and short and _SEQ.match(out[-1][0].text):
            last = out[-1]
            joined = f"{last[-1].text}\n{row[0].text}" if row[0].text else last[-1].text
            out[-1] = [*last[:-1], TextCell(joined, last[-1].line), *row[1:]]
        else:
            out.append(row)
    return out


def _header_continues(names: list[str], row: list[TextCell]) -> bool:
    """A second header line: it finishes names above ('年度任务' / '目标') or names a level below
    them ('责任单位' / '牵头', '配合'); no task number, every cell short."""
    texts = [c.text for c in row]
    if len(texts) != len(names) or _SEQ.match(texts[0] or "-"):
        return False
    pieces = [(a, b) for a, b in zip(names, texts, strict=True) if b]
    return bool(pieces) and all(
        _header_piece(b) and (_joins(a, b) or header_kind(b) is not None) for a, b in pieces
    )


def _header_levels(upper: list[str], lower: list[str]) -> list[str]:
    """Two header lines → one name per column: a broken name joined, else the lower level's.

    The grid layer reads one header row here: a lower level that names its own column (牵头,
    配合, 一季度) says more than the merged cell above it.
    """
    out = []
    for a, b in zip(upper, lower, strict=True):
        if not b:
            out.append(a)
        elif _joins(a, b):
            out.append(a + b)
        else:
            out.append(b if header_kind(b) is not None else a + b)
    return out


def fit_row(
    row: list[TextCell],
    columns: Sequence,
    previous: list[str] | None,
    last: bool,
    warnings: list[Diagnostic],
) -> list[str]:
    """A row's cells → exactly one text per column (see the module docstring)."""
    width = len(columns)
    texts = [c.text for c in row]
    line = row[0].line
    if len(texts) > width:
        texts = _join_unit_lines(texts, columns, len(texts) - width)
    if len(texts) > width:
        absorb = _absorbing_column(columns)
        extra = len(texts) - width
        texts = [
            *texts[:absorb],
            "\n".join(texts[absorb : absorb + extra + 1]),
            *texts[absorb + extra + 1 :],
        ]
        return texts
    if len(texts) == width:
        return texts
    missing = width - len(texts)
    if previous is not None and missing <= 2 and not (last and missing > 1):
        filled = _carry_down(texts, columns, previous, missing, line, warnings)
        if filled is not None:
            return filled
    if last:
        warnings.append(
            Diagnostic(
                line,
                f"the last row has {len(texts)} of {width} cells: the text is cut off "
                "(the row is kept as far as it goes)",
            )
        )
    else:
        warnings.append(Diagnostic(line, f"a row has {len(texts)} of {width} cells: padded"))
    return texts + [""] * missing


def _join_unit_lines(texts: list[str], columns: Sequence, extra: int) -> list[str]:
    """Units one per paragraph ('区发改局' / '区财政局' with blank lines between) are one cell."""
    kinds = [c.kind for c in columns]
    out = list(texts)
    for i, kind in enumerate(kinds):
        if kind not in ("units", "lead", "co") or i + 1 >= len(out) or extra == 0:
            continue
        if i + 1 < len(kinds) and kinds[i + 1] in ("units", "lead", "co"):
            continue  # which of two unit columns a paragraph belongs to is not clear
        while extra and i + 1 < len(out) and _fits("units", out[i]) and _fits("units", out[i + 1]):
            out[i : i + 2] = [f"{out[i]}\n{out[i + 1]}"]
            extra -= 1
    return out


def _absorbing_column(columns: Sequence) -> int:
    kinds = [c.kind for c in columns]
    for kind in ("progress", "target"):
        if kind in kinds:
            return kinds.index(kind)
    return len(kinds) - 1


def _carry_down(
    texts: list[str],
    columns: Sequence,
    previous: list[str],
    missing: int,
    line: int,
    warnings: list[Diagnostic],
) -> list[str] | None:
    """Put back the cells a vertical merge left out, taking their text from the row above."""
    out = list(texts)
    for _ in range(missing):
        gap = _gap(out, columns, previous)
        if gap is None:
            return None
        out.insert(gap, previous[gap])
        header = columns[gap].header
        warnings.append(
            Diagnostic(
                line,
                f"the row has no {header} cell (merged with the row above?): "
                f"'{previous[gap]}' carried down",
            )
        )
    return out


def _gap(texts: list[str], columns: Sequence, previous: list[str]) -> int | None:
    """Which carried column is missing: the first whose place holds text of another kind.

    None when every cell fits its own column: the row lacks cells at its end (cut off).
    """
    for i, c in enumerate(columns):
        if c.kind in _CARRIED and previous[i] and i < len(texts) and not _fits(c.kind, texts[i]):
            return i
    return None


def _fits(kind: str, text: str) -> bool:
    if not text:
        return False
    if kind in ("units", "lead", "co"):
        names = [n for n, _ in split_units(text)]
        return bool(names) and all(looks_like_unit(n) for n in names)
    if kind == "leader":
        if re.search(r"[。；，\d]|完成|推进|正在|开展|启动|实施|建设", text):
            return False  # a sentence of progress, not a name
        return all(_LEADER.match(n) for n, _ in split_units(text))
    if kind == "deadline":
        return len(text) <= 20 and bool(re.search(r"\d|年|月|长期|持续", text))
    return len(text) <= 12


def _is_section_cell(text: str) -> bool:
    s = text.strip()
    return looks_like_section(s) and len(s) <= 60 and "。" not in s and "\n" not in s


def _spans_row(body: Sequence[TextCell], i: int, last_seq: int) -> bool:
    """A short cell between a full row and the next task number: a row-wide title."""
    s = body[i].text.strip()
    if not 4 <= len(s) <= 30 or "\n" in s or re.search(r"[。，；,;\d]", s) or i + 1 >= len(body):
        return False
    if s.startswith(("已", "正在", "完成", "无", "暂", "未", "尚", "均")):
        return False  # a short last cell (备注 无, 已完成) before the next task
    m = _SEQ.match(body[i + 1].text)
    return bool(m) and int(m.group(1)) == last_seq + 1


def _is_repeated_header(body: Sequence[TextCell], i: int, names: list[TextCell]) -> bool:
    if normalize_header(body[i].text) != names[0].text:
        return False
    texts = [normalize_header(c.text) for c in body[i : i + len(names)]]
    return texts == [c.text for c in names]


def _trailing_furniture(cells: list[TextCell]) -> tuple[list[TextCell], list[str]]:
    tail: list[str] = []
    while cells and all(is_furniture(x) for x in cells[-1].text.splitlines()):
        tail.insert(0, cells[-1].text)
        cells = cells[:-1]
    return cells, tail


def _front_rows(front: list[str]) -> list[GridRow]:
    return [GridRow.of([s], 0, kind="furniture") for s in front if s.strip()]
