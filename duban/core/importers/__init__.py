"""Importers: every document format becomes the same core Plan.

`read_plan(path)` picks the reader by the file's suffix; text files go to the layout detector
(text_layouts.py), which hands our example's PDF-extracted layout to text_pdf.py and reads other
districts' web-page layouts through the same Grid as the Word, Excel and PDF readers.
"""

from __future__ import annotations

from pathlib import Path

from duban.core.errors import InputError
from duban.core.model import Plan


def read_plan(path: str | Path, *, district: str | None = None) -> Plan:
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", source=str(path))
    if path.is_dir():
        raise InputError("this is a folder, not a document", source=str(path))
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text", ".md", ""):
        from duban.core.importers.text_layouts import read_text_file

        return read_text_file(path, district=district)
    if suffix in (".docx", ".doc", ".wps", ".rtf"):
        from duban.core.importers.docx import read_docx

        return read_docx(path, district=district)
    if suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        from duban.core.importers.xlsx import read_xlsx

        return read_xlsx(path, district=district)
    if suffix == ".pdf":
        from duban.core.importers.pdf import read_pdf

        return read_pdf(path, district=district)
    raise InputError(
        f"unknown document type '{suffix}': duban reads .txt, .docx, .xlsx and .pdf",
        source=str(path),
    )
