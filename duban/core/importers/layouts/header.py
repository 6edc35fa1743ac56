"""The header of a table cut into cells: column names, even broken over lines or in two levels.

A header is a run of short cells that name columns ('序号' '年度任务' '目标' '责任' '单位' …): the
pieces of one name broken over lines are joined, and a second level (牵头 / 配合 under 责任单位,
一季度 … under 形象进度) takes the place of the merged cell above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from duban.core.importers.assemble.columns import (
    _EXACT as _COLUMN_NAMES,  # exact header names: columns.py has no public predicate yet
)
from duban.core.importers.assemble.columns import (
    header_kind,
    header_period,
    header_unit,
    is_header_row,
    normalize_header,
    period_end_month,
)
from duban.core.importers.grid import looks_like_section
from duban.core.importers.layouts.cutting import TextCell
from duban.core.units import looks_like_unit

SEQ = re.compile(r"^[（(]?(\d{1,3})[）)]?[.．、]?$")
# Page furniture above a table is tens of cells; a PDF extract's thousands of lines hold no header.
_HEADER_SEARCH = 300


_UNIT_PIECE = re.compile(r"^[（(][^（）()]{1,5}[）)]$")
_HEADER_PUNCTUATION = re.compile(r"[，。；：、！？,;:]")
_DIGIT = re.compile(r"\d")


def joins(a: str, b: str) -> bool:
    """Whether two header pieces are one column name broken over lines ('责任' + '单位',
    '总投资' + '（万元）', '2023年度' + '计划')."""
    joined = normalize_header(a + b)
    if joined in _COLUMN_NAMES:
        return True
    if _UNIT_PIECE.match(normalize_header(b)) and header_unit(joined):
        return True  # the unit of the name above: 当年投资 / （万元）
    if header_kind(a) is None and header_period(a) is None and _is_period_only(a):
        return header_kind(joined) is not None  # 2023年度 / 计划
    # Otherwise only a short unknown piece ('年度' before '任务') starts a longer name.
    return (
        len(normalize_header(a)) <= 3 and header_kind(a) is None and header_kind(joined) is not None
    )


def _is_period_only(text: str) -> bool:
    return bool(re.fullmatch(r"20\d\d\s*年度?", normalize_header(text)))


def merge_header_pieces(pieces: Sequence[TextCell]) -> list[TextCell]:
    """Header cells broken over lines or blank lines ('年度' '任务' '目标') → one cell per column."""
    out: list[TextCell] = []
    for p in pieces:
        if out and joins(out[-1].text, p.text):
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


@lru_cache(maxsize=8192)  # pure; asked for every cell of a text's first lines by each layout
def header_piece(text: str) -> bool:
    """Short, no sentence punctuation, no number but a period's or a year's (1-7月完成,
    2023年度) or a unit's ((%)); an unknown piece is no unit name either."""
    if len(text) > 32 and len(normalize_header(text[:32])) > 14:
        return False  # a sentence: normalizing only removes characters, so a prefix decides
    s = normalize_header(text)
    if not 0 < len(s) <= 14 or _HEADER_PUNCTUATION.search(s):
        return False
    if _DIGIT.search(s) and not (header_kind(s) is not None or _is_period_only(s)):
        return False
    if _UNIT_PIECE.match(s):
        return True
    return header_kind(s) is not None or not looks_like_unit(s)


def find_header(cells: Sequence[TextCell]) -> tuple[int, int, list[TextCell]] | None:
    """The first run of short cells that names the table's columns → (start, end, columns).

    Only the first cells are searched: page furniture above a table is tens of cells, and a
    PDF extract's thousands of lines hold no such run.
    """
    for i in range(min(len(cells), _HEADER_SEARCH)):
        if not header_piece(cells[i].text) or header_kind(cells[i].text) is None:
            continue
        j = i
        while (
            j < len(cells) and header_piece(cells[j].text) and not looks_like_section(cells[j].text)
        ):
            j += 1
        # A run ends at its last column name: a row-wide title (经济发展类) may follow the header.
        while (
            j - 1 > i
            and header_kind(cells[j - 1].text) is None
            and not joins(cells[j - 2].text, cells[j - 1].text)
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


def header_continues(names: list[str], row: list[TextCell]) -> bool:
    """A second header line: it finishes names above ('年度任务' / '目标') or names a level below
    them ('责任单位' / '牵头', '配合'); no task number, every cell short."""
    texts = [c.text for c in row]
    if len(texts) != len(names) or SEQ.match(texts[0] or "-"):
        return False
    pieces = [(a, b) for a, b in zip(names, texts, strict=True) if b]
    return bool(pieces) and all(
        header_piece(b) and (joins(a, b) or header_kind(b) is not None) for a, b in pieces
    )


def header_levels(upper: list[str], lower: list[str]) -> list[str]:
    """Two header lines → one name per column: a broken name joined, else the lower level's.

    The grid layer reads one header row here: a lower level that names its own column (牵头,
    配合, 一季度) says more than the merged cell above it.
    """
    out = []
    for a, b in zip(upper, lower, strict=True):
        if not b:
            out.append(a)
        elif joins(a, b):
            out.append(a + b)
        else:
            out.append(b if header_kind(b) is not None else a + b)
    return out
