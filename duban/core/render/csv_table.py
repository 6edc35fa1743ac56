"""CSV downloads, written one way: UTF-8 with a BOM (Excel reads it as UTF-8 only with one), and
every cell a spreadsheet would run as a formula kept as text.

A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before
reading the formula) is a formula to Excel and LibreOffice: a unit named
=HYPERLINK("http://evil.example/","x"), read from an uploaded table, would become a link. Such
cells get a leading apostrophe, which the spreadsheet shows as plain text (OWASP's advice).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """The value as a CSV cell: text a spreadsheet would read as a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows (lists of cells) as the bytes of a CSV file; an empty row is an empty line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
