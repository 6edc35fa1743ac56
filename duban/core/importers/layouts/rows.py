"""Web-page text of a table → a Grid (grid.py): rows cut, merged cells carried down.

The cells come from cutting.py and the header from header.py. The rows of a cell stream
are cut at task numbers; a row one cell short (a vertically merged unit cell) takes the cell from
the row above, with a warning; extra cells (paragraphs of one long cell) join their column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.cells import split_units
from duban.core.importers.assemble.columns import (
    ColumnKind,
    ColumnMeaning,
    is_header_row,
    map_columns,
    normalize_header,
)
from duban.core.importers.grid import Grid, GridRow, looks_like_section
from duban.core.importers.layouts.cutting import TextCell
from duban.core.importers.layouts.furniture import is_furniture, split_front
from duban.core.importers.layouts.header import SEQ as _SEQ
from duban.core.importers.layouts.header import (
    find_header,
    header_continues,
    header_levels,
)
from duban.core.importers.layouts.lines import SECTION
from duban.core.messages import W
from duban.core.units import GENERAL, looks_like_unit

_LEADER = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:[（(][^）)]{1,10}[）)])?$")
# Columns a vertical merge empties in the rows below its anchor, most likely first.
_CARRIED: tuple[ColumnKind, ...] = ("units", "lead", "co", "leader", "deadline", "category")


def stream_to_grid(
    front: list[str], cells: list[TextCell], source: str
) -> tuple[Grid, list[Diagnostic]] | None:
    """A stream of cells (row ends unmarked) → Grid; None when no header row is found."""
    found = find_header(cells)
    if found is None:
        return None
    start, end, names = found
    front, above = _section_above(front + [c.text for c in cells[:start]])
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
        elif seq_col == 0 and filled >= width and _spans_row(body, i, last_seq, columns):
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
    grid_rows += [GridRow.of([t], names[0].line, kind="section") for t in above]
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
    while k < len(rows) and header_continues(names, rows[k]):
        names = header_levels(names, [c.text for c in rows[k]])
        k += 1
    names = [normalize_header(n) for n in names]
    columns = map_columns([names])
    front, above = _section_above(front + [" ".join(c.text for c in r) for r in rows[:at]])
    warnings: list[Diagnostic] = []
    title, furniture = split_front(front)
    grid_rows = _front_rows(furniture)
    grid_rows.append(GridRow.of(names, rows[at][0].line, kind="header"))
    grid_rows += [GridRow.of([t], rows[at][0].line, kind="section") for t in above]
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
        texts = fit_row(row, columns, previous, n == len(body) - 1, warnings, explicit=True)
        grid_rows.append(GridRow.of(texts, row[0].line))
        previous = texts
    return Grid(
        tuple(grid_rows), source=source, title=title, text="\n".join(furniture + tail)
    ), warnings


def _join_broken_rows(
    rows: list[list[TextCell]], columns: Sequence[ColumnMeaning]
) -> list[list[TextCell]]:
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


def fit_row(
    row: list[TextCell],
    columns: Sequence[ColumnMeaning],
    previous: list[str] | None,
    last: bool,
    warnings: list[Diagnostic],
    *,
    explicit: bool = False,
) -> list[str]:
    """A row's cells → exactly one text per column (see the module docstring). `explicit`:
    the text marks its rows ('|' or tab rows), so cells beyond the header are worth a warning;
    in a stream of cells they are only a cell's paragraphs."""
    width = len(columns)
    texts = [c.text for c in row]
    line = row[0].line
    if not explicit:
        texts = _unit_cell_lost(texts, columns)
    if len(texts) > width:
        texts = _join_unit_lines(texts, columns, len(texts) - width)
    if len(texts) > width:
        absorb = _absorbing_column(columns)
        extra = len(texts) - width
        if explicit:
            warnings.append(
                Diagnostic(
                    line,
                    W.EXTRA_CELLS_JOINED(
                        row=line, got=len(texts), width=width, header=columns[absorb].header
                    ),
                )
            )
        texts = [
            *texts[:absorb],
            "\n".join(texts[absorb : absorb + extra + 1]),
            *texts[absorb + extra + 1 :],
        ]
        return texts
    if len(texts) == width:
        return _shifted(texts, columns, previous, line, warnings) or texts
    missing = width - len(texts)
    if previous is not None and missing <= 2 and not (last and missing > 1):
        filled = _carry_down(texts, columns, previous, missing, line, warnings)
        if filled is not None:
            return filled
    if last:
        warnings.append(
            Diagnostic(
                line,
                W.LAST_ROW_SHORT(got=len(texts), width=width),
            )
        )
    else:
        warnings.append(Diagnostic(line, W.ROW_PADDED(got=len(texts), width=width)))
    return texts + [""] * missing


def _shifted(
    texts: list[str],
    columns: Sequence[ColumnMeaning],
    previous: list[str] | None,
    line: int,
    warnings: list[Diagnostic],
) -> list[str] | None:
    """A row whose merged cell a web page dropped but whose '|' it kept: its cells shifted left
    and an empty one at the end ('2 | target | plan | progress | |'). The dropped cell comes
    from the row above; None when the row is whole."""
    if previous is None or texts[-1]:
        return None
    trimmed = list(texts)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    missing = len(texts) - len(trimmed)
    if not trimmed or missing > 2 or _gap(trimmed, columns, previous) is None:
        return None
    return _carry_down(trimmed, columns, previous, missing, line, warnings)


_UNIT_KINDS = ("units", "lead", "co")
_SENTENCE_SIGN = re.compile(r"\d|。|；")


def _unit_cell_lost(texts: list[str], columns: Sequence[ColumnMeaning]) -> list[str]:
    """A stream of cells drops an empty cell: where a unit column holds a sentence of progress
    ('已完成签约520户，其中拆除310户。') the unit cell was empty and what stands there belongs to
    the next column; the cells move right (the extra paragraphs then join their column)."""
    absorb = _absorbing_column(columns)
    for i, column in enumerate(columns[: min(len(texts), absorb)]):
        text = texts[i]
        if column.kind not in _UNIT_KINDS or not text or not _SENTENCE_SIGN.search(text):
            continue
        names = [n for n, _ in split_units(text, GENERAL)]
        if names and not any(looks_like_unit(n) for n in names):
            return [*texts[:i], "", *texts[i:]]
    return texts


def _join_unit_lines(texts: list[str], columns: Sequence[ColumnMeaning], extra: int) -> list[str]:
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


def _absorbing_column(columns: Sequence[ColumnMeaning]) -> int:
    kinds = [c.kind for c in columns]
    for kind in ("progress", "target"):
        if kind in kinds:
            return kinds.index(kind)
    return len(kinds) - 1


def _carry_down(
    texts: list[str],
    columns: Sequence[ColumnMeaning],
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
                W.CARRIED_DOWN(header=header, value=previous[gap]),
            )
        )
    return out


def _gap(texts: list[str], columns: Sequence[ColumnMeaning], previous: list[str]) -> int | None:
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
        names = [re.sub(r"[（(][^（）()]*[）)]$", "", n) for n, _ in split_units(text, GENERAL)]
        return bool(names) and all(looks_like_unit(n) for n in names)
    if kind == "leader":
        if re.search(r"[。；，\d]|完成|推进|正在|开展|启动|实施|建设", text):
            return False  # a sentence of progress, not a name
        return all(_LEADER.match(n) for n, _ in split_units(text, GENERAL))
    if kind == "deadline":
        return len(text) <= 20 and bool(re.search(r"\d|年|月|长期|持续", text))
    return len(text) <= 12


def _is_section_cell(text: str) -> bool:
    s = text.strip()
    return looks_like_section(s) and len(s) <= 60 and "。" not in s and "\n" not in s


def _spans_row(
    body: Sequence[TextCell], i: int, last_seq: int, columns: Sequence[ColumnMeaning]
) -> bool:
    """A short cell between a full row and the next task number: a row-wide title, unless it
    fits the last column (a unit after a cell the row had too many: 城投集团)."""
    s = body[i].text.strip()
    if not 4 <= len(s) <= 30 or "\n" in s or re.search(r"[。，；,;\d]", s) or i + 1 >= len(body):
        return False
    if s.startswith(("已", "正在", "完成", "无", "暂", "未", "尚", "均")):
        return False  # a short last cell (备注 无, 已完成) before the next task
    last = columns[-1].kind if columns else None
    if last in ("units", "lead", "co") and _fits(last, s):
        return False
    m = _SEQ.match(body[i + 1].text)
    return m is not None and int(m.group(1)) == last_seq + 1


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


def _section_above(front: list[str]) -> tuple[list[str], list[str]]:
    """A section title set above the header ('一、教育（2项）' then the table) opens the table."""
    above: list[str] = []
    while front and _is_section_cell(front[-1]):
        above.insert(0, front.pop())
    return front, above


def _front_rows(front: list[str]) -> list[GridRow]:
    return [GridRow.of([s], 0, kind="furniture") for s in front if s.strip()]
