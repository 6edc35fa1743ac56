"""Word tables (.docx; .doc and .wps through LibreOffice) → Grid → Plan.

python-docx's `table.rows` / `row.cells` drop rows and cells wrapped in content controls
(w:sdt) and repeat merged cells, so the table XML is walked here: w:tbl / w:tr / w:tc, with
gridSpan, vMerge, gridBefore and w:sdt unwrapped. Paragraphs between tables stay in the Grid as
one-cell rows: the document title and section titles often stand there.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from lxml import etree

from duban.core.errors import InputError
from duban.core.importers.assemble.plan import grid_to_plan
from duban.core.importers.grid import Cell, Grid, GridRow
from duban.core.importers.safety import LIMITS, Limits, check_office_zip, convert_legacy
from duban.core.messages import E
from duban.core.model import Plan
from duban.core.units import GENERAL, Registry

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    f"{W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_T, _TAB, _BR, _CR = (f"{W}{t}" for t in ("t", "tab", "br", "cr"))
_VAL = f"{W}val"


def read_docx(
    path: str | Path,
    *,
    units: Registry = GENERAL,
    district: str | None = None,
    limits: Limits = LIMITS,
) -> Plan:
    path = Path(path)
    if path.suffix.lower() in (".doc", ".wps", ".rtf"):
        with tempfile.TemporaryDirectory() as tmp:
            converted = convert_legacy(path, Path(tmp), limits)
            plan = read_docx(converted, district=district, limits=limits, units=units)
            return replace(plan, source=str(path))
    return grid_to_plan(docx_grid(path, limits), district=district, units=units)


def docx_grid(path: Path, limits: Limits = LIMITS) -> Grid:
    """The document's tables and the paragraphs around them, as Grid rows in document order."""
    check_office_zip(path, "Word", limits)
    import docx  # python-docx reads the package; its parser resolves no entities

    try:
        body = docx.Document(str(path)).element.body
    except Exception as exc:  # python-docx raises many types for one cause: a broken package
        raise InputError(
            E.DOCX_UNREADABLE(error=type(exc).__name__),
            source=str(path),
        ) from exc
    rows: list[GridRow] = []
    texts: list[str] = []
    row_no = 0
    for el in _unwrap(body):
        if el.tag == _P:
            text = _paragraph_text(el)
            if text.strip():
                rows.append(GridRow((Cell(text.strip()),), row_no))
                texts.append(text)
        elif el.tag == _TBL:
            for tr in _children(el, _TR):
                row_no += 1
                rows.append(GridRow(tuple(_row_cells(tr)), row_no))
    if not any(len(r.cells) > 1 for r in rows):
        raise InputError(E.DOCX_NO_TABLE(), source=str(path))
    return Grid(tuple(rows), source=str(path), text="\n".join(texts))


def _unwrap(parent: etree._Element) -> Iterator[etree._Element]:
    """Children, with content controls (w:sdt) replaced by what they hold."""
    for el in parent:
        if el.tag == _SDT:
            content = el.find(_SDT_CONTENT)
            if content is not None:
                yield from _unwrap(content)
        else:
            yield el


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    return (el for el in _unwrap(parent) if el.tag == tag)


def _row_cells(tr: etree._Element) -> Iterator[Cell]:
    before = tr.find(f"{W}trPr/{W}gridBefore")
    for _ in range(_int(before, 0)):
        yield Cell("")
    for tc in _children(tr, _TC):
        props = tc.find(f"{W}tcPr")
        span = _int(props.find(f"{W}gridSpan") if props is not None else None, 1)
        vmerge = props.find(f"{W}vMerge") if props is not None else None
        if vmerge is not None and vmerge.get(_VAL, "continue") == "continue":
            first = Cell("", above=True)
            text = ""
        else:
            text = _cell_text(tc)
            first = Cell(text)
        yield first
        for _ in range(span - 1):
            yield Cell(text, above=first.above, left=True)


def _int(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(_VAL, default)), 64))
    except ValueError:
        return default


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(t for t in (_paragraph_text(p) for p in tc.iter(_P)) if t.strip()).strip()


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)
