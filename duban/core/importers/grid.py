"""The one intermediate form of the importers: a Grid (rows of cell strings, merges marked).

Every file format reader (formats/: Word, Excel, PDF tables) and every text layout that can cut
its text into cells (layouts/) builds a `Grid`; assemble/plan.py's `grid_to_plan` reads it. The
Grid is deliberately dumb: rows of cell strings in reading order, each with where it came from,
merges marked. Everything about meaning — which row is the header, which a section title, which
rows belong to one task, which column holds what — is decided in assemble/, with a Diagnostic
for every guess.

How to build a Grid:
- One `GridRow` per table row (or text row), in document order, several tables one after the
  other. Header rows (序号 / 工作任务 / …), repeated header rows, title rows above the table and
  section title rows (（一）… or one cell across the row) stay in: they are recognised there.
- `Cell(text)`: the cell's text with its paragraphs or visual lines joined by "\\n".
- A cell covered by a vertical merge (w:vMerge continue, an Excel merged range below its anchor,
  pdfplumber's None) is `Cell("", above=True)`: the row then adds to the task above.
- A cell covered by a horizontal merge (gridSpan, a merged range to the right of its anchor)
  repeats its anchor's text with `left=True`: two-level headers keep their top label.
- `GridRow.line` is where the row starts for a person looking for it: the line number of a text,
  the sheet row of a workbook, the running row number of a Word document's tables; `page` the PDF
  page. A row whose 序号 is empty and which opens a new page continues the row above it (a row
  split across a page break); give pages only where that can happen.
- A one-cell row in a table of several columns is a paragraph between tables: a section title
  when it reads like one (（一）…, 一、…), else furniture.
- `GridRow.kind` may state what a row is when the builder knows ("section", "header", "body",
  "furniture" for a title or note outside the table); None lets this module decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from duban.core.importers.assemble.columns import is_header_row, map_columns

RowKind = Literal["section", "header", "body", "furniture"]


@dataclass(frozen=True)
class Cell:
    text: str = ""
    above: bool = False  # covered by a vertical merge: the cell above continues here (text "")
    left: bool = False  # covered by a horizontal merge: text repeats the anchor on its left


@dataclass(frozen=True)
class GridRow:
    cells: tuple[Cell, ...]
    line: int
    page: int | None = None
    kind: RowKind | None = None

    @classmethod
    def of(
        cls, texts: Iterable[str], line: int, page: int | None = None, kind: RowKind | None = None
    ) -> GridRow:
        """A row of plain cells, for builders that know no merges."""
        return cls(tuple(Cell(t or "") for t in texts), line, page, kind)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Grid:
    rows: tuple[GridRow, ...]
    source: str = "<grid>"
    title: str = ""  # the document title when the builder found it outside the rows
    header: tuple[str, ...] = ()  # header names, when the rows hold no header row
    text: str = field(default="", compare=False)  # text around the table (district, furniture)
    # A cell's lines are the lines of a printed page (a PDF), broken where the column ends,
    # not the paragraphs its writer made.
    visual_lines: bool = False


# The numbering of sections, the one definition every importer builds its patterns from.
CN_NUMERAL = "[一二三四五六七八九十]+"
# A numbered section head: （一） or 一、
SECTION_ORDINAL = rf"[（(]{CN_NUMERAL}[）)]|{CN_NUMERAL}、"
# A section head as a title line writes it (主要预期目标, 主要目标, （一）, 一、).
SECTION_HEAD = rf"主要预期目标|主要目标|{SECTION_ORDINAL}"
# The count a section title ends with: （共 17项）
SECTION_COUNT_TAIL = r"[（(]共\s*(?P<count>\d+)\s*项[）)]"
SECTION_LIKE = re.compile(rf"^(?:{SECTION_HEAD}|{CN_NUMERAL}[.．]|第{CN_NUMERAL}部分)")
SECTION_COUNT = re.compile(rf"{SECTION_COUNT_TAIL}\s*$")


def looks_like_section(text: str) -> bool:
    """'（一）…', '一、…', '主要预期目标', '…（共 17项）': a section title, wherever it stands."""
    s = text.strip()
    return bool(SECTION_LIKE.match(s) or SECTION_COUNT.search(s))


def dump(grid: Grid) -> Iterator[str]:
    """The Grid as lines for `duban parse --debug`: where each row stands, its cells, its merges.

    '^' marks a cell covered from above (a vertical merge), '<' one covered from its left.
    """
    yield f"grid of {grid.source}: {len(grid.rows)} rows" + (
        f", title {grid.title}" if grid.title else ""
    )
    for row in grid.rows:
        where = f"{row.line:5d}" + (f" p{row.page:<3d}" if row.page is not None else "     ")
        kind = f" {row.kind}" if row.kind else ""
        cells = " | ".join(
            ("^" if c.above else "<" if c.left else "") + c.text.replace("\n", "⏎")[:40]
            for c in row.cells
        )
        yield f"{where}{kind} | {cells}"
        if is_header_row(row.texts):
            yield "      columns: " + ", ".join(
                f"{c.header or '·'}={c.kind}" for c in map_columns([row.texts])
            )
