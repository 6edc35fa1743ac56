"""PDF tables with ruling lines (pdfplumber) → Grid → Plan; the text importer when there are none.

Rules measured on PDFs made from the example (shared/research/libraries.md §1.4):
each page's table is closed with an explicit bottom line (pdfplumber loses the last row of a
page without one); pdfplumber gives None for a cell a merge covers and '' for a row continued
from the page before, so None becomes a covered Cell and a '' 序号 at a page top continues the
row above (grid.py joins it); a header row fused with continuation text is split; repeated
header rows are left for grid.py to skip. A PDF without Unicode text, encrypted, damaged, or
taking too long is refused with a sentence that says so.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from duban.core.errors import InputError
from duban.core.importers.assemble.columns import header_kind, is_header_row
from duban.core.importers.assemble.plan import grid_to_plan
from duban.core.importers.grid import Cell, Grid, GridRow
from duban.core.importers.safety import LIMITS, Limits, check_size
from duban.core.messages import E
from duban.core.model import Plan
from duban.core.units import GENERAL, Registry

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF
    from pdfplumber.table import Table

_TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(
    path: str | Path,
    *,
    units: Registry = GENERAL,
    district: str | None = None,
    limits: Limits = LIMITS,
) -> Plan:
    path = Path(path)
    grid = pdf_grid(path, limits)
    if grid is None:  # no ruled table: the text-layout importer reads the extracted text
        from duban.core.importers.layouts.pdf_text import parse_text

        text = pdf_text(path, limits)
        return parse_text(text, source=str(path), district=district, units=units)
    return grid_to_plan(grid, district=district, units=units)


def _open(path: Path, limits: Limits) -> PDF:
    check_size(path, limits)
    with path.open("rb") as f:
        if b"%PDF-" not in f.read(1024):
            raise InputError(E.NOT_PDF(), source=str(path))
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # the page tree is read here: a truncated file fails now
    except Exception as exc:  # pdfminer raises many types for a damaged file
        # pdfplumber wraps pdfminer's errors: look at what it wrapped.
        causes = [exc, exc.__cause__, *getattr(exc, "args", ())]
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
            raise InputError(
                E.PDF_ENCRYPTED(),
                source=str(path),
            ) from exc
        raise InputError(
            E.PDF_UNREADABLE(error=type(exc).__name__),
            source=str(path),
        ) from exc
    return pdf


def pdf_grid(path: Path, limits: Limits = LIMITS) -> Grid | None:
    """Every page's ruled tables as Grid rows (line = row on its page); None when there are none."""
    deadline = time.monotonic() + limits.pdf_seconds
    rows: list[GridRow] = []
    seen_header = False
    with _open(path, limits) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            _check_time(deadline, limits, path, number)
            try:
                _check_text_layer(page, path, number)
                view = _without_doubled_chars(page)
                above = 0.0
                for table in view.find_tables(_settings(page)):
                    rows += _text_between(view, above, table)
                    above = table.bbox[3]
                    for r_no, (texts, cells) in enumerate(_table_rows(table), start=1):
                        for row in _split_fused_header(texts, cells, r_no, number):
                            seen_header = seen_header or is_header_row(row.texts)
                            rows.append(row)
            except InputError:
                raise
            except Exception as exc:  # a broken content stream on one page
                raise InputError(
                    E.PDF_PAGE_UNREADABLE(error=type(exc).__name__),
                    source=str(path),
                    page=number,
                ) from exc
            finally:
                page.close()  # frees the page's objects: 127 pages then need ~41 MB
    if not seen_header:
        return None
    return Grid(tuple(rows), source=str(path), visual_lines=True)


def pdf_text(path: Path, limits: Limits = LIMITS) -> str:
    """The PDF's text, page after page, for the text-layout importer."""
    deadline = time.monotonic() + limits.pdf_seconds
    parts: list[str] = []
    with _open(path, limits) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            _check_time(deadline, limits, path, number)
            _check_text_layer(page, path, number)
            parts.append(_without_doubled_chars(page).extract_text() or "")
            page.close()
    return "\n".join(parts)


def _check_time(deadline: float, limits: Limits, path: Path, number: int) -> None:
    if time.monotonic() > deadline:
        raise InputError(
            E.PDF_TIMEOUT(seconds=limits.pdf_seconds),
            source=str(path),
            page=number,
        )


def _check_text_layer(page: Page, path: Path, number: int) -> None:
    chars = page.chars
    if not chars:
        if page.images:
            raise InputError(
                E.PDF_SCAN(),
                source=str(path),
                page=number,
            )
        return
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if unmapped > len(chars) * 0.1:
        raise InputError(
            E.PDF_NO_UNICODE(),
            source=str(path),
            page=number,
        )


def _text_between(page: Page, top: float, table: Table) -> list[GridRow]:
    """Text above a table (the title, a section title between tables): a one-cell row per paragraph.

    A line that reaches the table's right edge was wrapped, so the next line continues it.
    """
    bottom = table.bbox[1]

    def inside(obj: dict[str, Any]) -> bool:
        # By the middle of the glyph: a title may touch the table's top rule.
        return obj.get("object_type") == "char" and top < (obj["top"] + obj["bottom"]) / 2 < bottom

    if bottom - top < 1 or not any(inside(c) for c in page.chars):
        return []
    paragraphs: list[str] = []
    wrapped = False
    for line in page.filter(inside).extract_text_lines():
        text = line["text"].strip()
        if wrapped and paragraphs:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        wrapped = line["x1"] >= table.bbox[2] - 2.5 * (line["bottom"] - line["top"])
    return [GridRow.of([t], 0, page.page_number) for t in paragraphs if t]


def _without_doubled_chars(page: Page) -> Page:
    """WPS draws fake bold by printing each glyph twice ('字字节节'): keep one of each."""
    chars = page.chars
    doubled = sum(
        1
        for a, b in itertools.pairwise(chars)
        if a["text"] == b["text"] and abs(a["x0"] - b["x0"]) < 1 and abs(a["top"] - b["top"]) < 1
    )
    return page.dedupe_chars() if doubled > len(chars) * 0.02 else page


def _settings(page: Page) -> dict[str, Any]:
    """Close the page's table with a rule at the lowest end of its vertical rules."""
    bottoms = [e["bottom"] for e in page.edges if e["orientation"] == "v"]
    if not bottoms:
        return _TABLE_SETTINGS
    return {**_TABLE_SETTINGS, "explicit_horizontal_lines": [max(bottoms)]}


def _table_rows(table: Table) -> Iterator[tuple[list[str], list[Cell]]]:
    """(texts, cells) per row: None cells become covered cells, left or above by their geometry."""
    columns = [c.bbox[0] if c.bbox else None for c in table.columns]
    for row, texts in zip(table.rows, table.extract(), strict=True):
        cells: list[Cell] = []
        anchor_x1 = None
        anchor_text = ""
        for j, (bbox, text) in enumerate(zip(row.cells, texts, strict=True)):
            if bbox is not None:
                anchor_x1, anchor_text = bbox[2], (text or "").strip()
                cells.append(Cell(anchor_text))
                continue
            x0 = columns[j] if j < len(columns) else None
            if anchor_x1 is not None and x0 is not None and anchor_x1 > x0 + 1:
                cells.append(Cell(anchor_text, left=True))
            else:
                cells.append(Cell("", above=True))
        yield [c.text for c in cells], cells


def _split_fused_header(
    texts: list[str], cells: list[Cell], line: int, page: int
) -> Iterator[GridRow]:
    """'进展情况\\n城关镇：…' where no rule parted the repeated header from continuation text."""
    firsts = [t.split("\n", 1) for t in texts]
    heads = [f[0] for f in firsts]
    if not any(len(f) == 2 for f in firsts) or not is_header_row(heads):
        yield GridRow(tuple(cells), line, page)
        return
    if not all(header_kind(h) is not None for h in heads if h):
        yield GridRow(tuple(cells), line, page)
        return
    yield GridRow.of(heads, line, page, kind="header")
    yield GridRow.of([f[1] if len(f) == 2 else "" for f in firsts], line, page)
