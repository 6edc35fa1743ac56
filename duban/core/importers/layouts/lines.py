"""Layer 1 of the text importer: raw lines of PDF-extracted text → classified lines.

A line is furniture (page footer "— 11—", the document title, the table's header row), a
section title ("（一）…（共 17项）"), a task number that opens a row, or body text. A line that
starts with a space opens a new page in this extraction, as does the line after a footer.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from duban.core.errors import InputError
from duban.core.importers.assemble.columns import is_header_row
from duban.core.importers.grid import SECTION_COUNT_TAIL, SECTION_HEAD, SECTION_ORDINAL
from duban.core.messages import E

LineKind = Literal["blank", "footer", "title", "header", "section", "seq", "body"]

FOOTER = re.compile(r"^[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}$")
SECTION = re.compile(rf"^(?P<title>(?:{SECTION_HEAD}).*?)\s*{SECTION_COUNT_TAIL}$")
# A section title without its count is taken only where the table's header row follows it
# (主要目标 is a title only with its count, as before).
SECTION_UNCOUNTED = re.compile(rf"^(?:主要预期目标|{SECTION_ORDINAL})[^。；]{{1,60}}$")
_SECTION_HEADS = frozenset("主（(一二三四五六七八九十")
TITLE = re.compile(r"(?P<year>20\d\d)\s*年.*?(?:政府工作报告|重点工作|任务).*?(?:情况|目标)表?$")
SEQ = re.compile(r"^(?P<n>\d{1,3})(?:\s+(?P<rest>.+))?$")
# A number followed by one of these is a quantity ("2 家企业"), never a task number.
_MEASURE_AFTER_NUMBER = re.compile(
    r"^[个家次月年周日万亿%％人户项名元件起批份条座处所期场米吨台辆亩号届季.]"
)


class Line(NamedTuple):  # a NamedTuple: a document has thousands of lines, made quickly
    no: int  # 1-based line number in the source
    text: str  # without surrounding whitespace
    kind: LineKind
    page_start: bool = False
    page: int = 1
    seq: int | None = None
    rest: str = ""  # for a task-number line: what follows the number on the same line


def decode(data: bytes, source: str) -> str:
    """Bytes → text, refusing what is not a text document, with the line where it goes wrong."""
    if not data.strip():
        raise InputError(E.FILE_EMPTY(), source=source, line=1)
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(E.BINARY(), source=source, line=line)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig" and exc.start >= len(data) - 3:
                line = data[: exc.start].count(b"\n") + 1
                raise InputError(
                    E.MID_CHARACTER(),
                    source=source,
                    line=line,
                ) from None
            bad = exc
    line = data[: bad.start].count(b"\n") + 1
    raise InputError(E.ENCODING(), source=source, line=line)


def classify(text: str) -> list[Line]:
    """Classify every non-blank line; task numbers are recognised in order (a number must be the next one)."""
    out: list[Line] = []
    page = 1
    after_footer = False
    expected: int | None = None
    seen_section = False
    has_content = False
    raw_lines = text.replace("\u3000", " ").splitlines()
    for no, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        if not stripped:
            continue  # blank lines carry nothing in this extraction
        page_start = raw[0] == " " or after_footer
        after_footer = False
        head = stripped[0]
        if head in "—–-－" and FOOTER.match(stripped):
            # The first page's footer may come first in the extraction: it ends no page then.
            after_footer = has_content
            out.append(Line(no, stripped, "footer", page=page))
            continue
        if page_start and has_content:
            page += 1
        has_content = True
        if head in _SECTION_HEADS and (
            (stripped[-1] in "）)" and SECTION.match(stripped))
            or (SECTION_UNCOUNTED.match(stripped) and _header_row_follows(raw_lines, no))
        ):
            seen_section = True
            out.append(Line(no, stripped, "section", page_start, page))
            continue
        if head == "序" and _is_header_row(stripped):  # the test first: most lines are body
            out.append(Line(no, stripped, "header", page_start, page))
            continue
        if not seen_section and TITLE.search(stripped) and len(stripped) < 80:
            out.append(Line(no, stripped, "title", page_start, page))
            continue
        m = SEQ.match(stripped) if head.isdigit() and seen_section else None
        if m:
            n = int(m.group("n"))
            rest = m.group("rest") or ""
            if _accept_seq(n, rest, expected):
                expected = n + 1
                out.append(Line(no, stripped, "seq", page_start, page, seq=n, rest=rest))
                continue
        # Most lines are body text: made without NamedTuple's Python-level __new__ (a third of
        # the cost of classifying a line), the same tuple as Line(no, stripped, "body", …).
        out.append(_tuple_new(Line, (no, stripped, "body", page_start, page, None, "")))
    return out


_tuple_new = tuple.__new__


def _header_row_follows(raw_lines: list[str], no: int) -> bool:
    for raw in raw_lines[no : no + 4]:  # raw_lines is 0-based, `no` 1-based: the next lines
        if raw.strip():
            return _is_header_row(raw.strip())
    return False


def _is_header_row(s: str) -> bool:
    """序号 and the column names of assemble/columns.py, the one list of header words."""
    return s.startswith("序号") and is_header_row(s.split())


def _accept_seq(n: int, rest: str, expected: int | None) -> bool:
    if rest and _MEASURE_AFTER_NUMBER.match(rest):
        return False
    if expected is None:
        return n <= 5  # the table starts at task 1 (or close to it)
    if n == expected:
        return True
    # A bare number that jumps ahead (extracts with gaps: 3, 68, 69) still opens a row.
    return not rest and expected < n <= expected + 30
