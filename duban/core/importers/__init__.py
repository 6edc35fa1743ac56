"""Importers: every document format becomes the same core Plan.

A pipeline in folders: `formats/` (a Word, Excel or PDF file → a Grid of cells with merges) and
`layouts/` (the text shapes of published tables → the same Grid; our example's PDF-text layout
is read by layouts/pdf_text.py), then `grid.py` (the one intermediate form) and `assemble/`
(Grid → Plan: header mapping, row structure, units, reports, period). `safety.py` stands at the
door. `read_plan(path, units=registry)` picks the reader by the file's suffix and reads unit
names with the organization's registry (duban.core.units; general knowledge alone by default).
"""

from __future__ import annotations

from pathlib import Path

from duban.core.errors import InputError
from duban.core.messages import E
from duban.core.model import Plan
from duban.core.units import GENERAL, Registry


def read_plan(path: str | Path, *, units: Registry = GENERAL, district: str | None = None) -> Plan:
    """The document as a Plan; `units` is the organization's registry, carried on the plan."""
    path = Path(path)
    if not path.exists():
        raise InputError(E.NO_SUCH_FILE(), source=str(path))
    if path.is_dir():
        raise InputError(E.FOLDER(), source=str(path))
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text", ".md", ""):
        from duban.core.importers.layouts.detect import read_text_file

        return read_text_file(path, district=district, units=units)
    if suffix in (".docx", ".doc", ".wps", ".rtf"):
        from duban.core.importers.formats.docx import read_docx

        return read_docx(path, district=district, units=units)
    if suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        from duban.core.importers.formats.xlsx import read_xlsx

        return read_xlsx(path, district=district, units=units)
    if suffix == ".pdf":
        from duban.core.importers.formats.pdf import read_pdf

        return read_pdf(path, district=district, units=units)
    raise InputError(
        E.UNKNOWN_TYPE(suffix=suffix),
        source=str(path),
    )
