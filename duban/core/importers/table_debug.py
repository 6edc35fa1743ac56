"""`duban parse --debug` for Word, Excel and PDF tables: the Grid each reader made, row by row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from duban.core.errors import InputError
from duban.core.importers.grid import dump

TABLE_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".pdf")


def debug_table(path: Path) -> Iterator[str]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from duban.core.importers.formats.docx import docx_grid

        yield from dump(docx_grid(path))
    elif suffix in (".xlsx", ".xlsm"):
        from duban.core.importers.formats.xlsx import xlsx_grid

        grid, skipped = xlsx_grid(path)
        yield from (f"sheet '{name}' not read" for name in skipped)
        yield from dump(grid)
    elif suffix == ".pdf":
        from duban.core.importers.formats.pdf import pdf_grid

        ruled = pdf_grid(path)
        if ruled is None:
            yield "no ruled table with a header row: the text importer reads this PDF's text"
            return
        yield from dump(ruled)
    else:
        raise InputError(f"--debug reads tables from {', '.join(TABLE_SUFFIXES)}", source=str(path))
