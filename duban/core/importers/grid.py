"""The shared last layer of the table importers: a Grid (rows of cell strings) → a Plan.

Every table reader (docx.py, xlsx.py, pdf.py) and every text-layout importer that can cut its
text into cells builds a `Grid` and calls `grid_to_plan`. The Grid is deliberately dumb: rows of
cell strings in reading order, each with where it came from, merges marked. Everything about
meaning — which row is the header, which a section title, which rows belong to one task, which
column holds what — is decided here, with a Diagnostic for every guess.

How to build a Grid:
- One `GridRow` per table row (or text row), in document order, several tables one after the
  other. Header rows (序号 / 工作任务 / …), repeated header rows, title rows above the table and
  section title rows (（一）… or one cell across the row) stay in: they are recognised here.
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

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from duban.core.errors import Diagnostic, InputError
from duban.core.importers.cells import (
    one_line,
    parse_deadline,
    split_milestones,
    split_units,
)
from duban.core.importers.columns import (
    ColumnMeaning,
    is_header_row,
    is_subheader_row,
    map_columns,
)
from duban.core.importers.facts import district_of, warn_unknown_unit, year_of
from duban.core.importers.lines import FOOTER, SECTION
from duban.core.importers.period import document_period
from duban.core.importers.reports import split_reports
from duban.core.model import Milestone, Person, Plan, Role, Section, Task, UnitRef
from duban.core.units import REGISTRY

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
    def of(cls, texts: Iterable[str], line: int, page: int | None = None, kind=None) -> GridRow:
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


_CN_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_SEQ = re.compile(r"^[（(]?(\d{1,4})[）)]?[.．、]?$")
_SECTION_LIKE = re.compile(
    r"^(?:主要预期目标|主要目标|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)"
)
_COUNT = re.compile(r"[（(]共\s*(\d+)\s*项[）)]\s*$")


def looks_like_section(text: str) -> bool:
    """'（一）…', '一、…', '主要预期目标', '…（共 17项）': a section title, wherever it stands."""
    s = text.strip()
    return bool(_SECTION_LIKE.match(s) or _COUNT.search(s))


@dataclass
class _Part:
    """One table row's cells as far as they belong to a task (covered cells are empty)."""

    texts: list[str]
    line: int
    page: int | None


@dataclass
class _Draft:
    seq_text: str
    line: int
    page: int | None
    parts: list[_Part]
    columns: tuple[ColumnMeaning, ...]  # the header in force where the task's row stood


@dataclass
class _SectionDraft:
    title: str
    declared: int | None
    line: int
    tasks: list[_Draft] = field(default_factory=list)


def grid_to_plan(grid: Grid, *, district: str | None = None) -> Plan:
    """Read a Grid as a progress table or a decomposition table (see the module docstring)."""
    warnings: list[Diagnostic] = []
    sections, title, furniture = _walk(grid, warnings)
    seqs = _numbering(sections, warnings)
    built: list[Section] = []
    for number, sec in enumerate(sections):
        tasks = tuple(_task(d, seqs[id(d)], warnings) for d in sec.tasks)
        if sec.declared is not None and sec.declared != len(tasks):
            warnings.append(
                Diagnostic(
                    sec.line,
                    f"section '{sec.title}' declares {sec.declared} tasks but has {len(tasks)}",
                )
            )
        built.append(Section(number, sec.title, sec.declared, tasks))
    if not any(s.tasks for s in built):
        raise InputError("the table has a header row but no task rows under it", source=grid.source)
    year = year_of(title)
    kinds = {c.kind for s in sections for d in s.tasks for c in d.columns}
    return Plan(
        title=title,
        year=year,
        district=district or district_of("\n".join([title, grid.text, *furniture])),
        period=document_period(title, [], year),
        sections=tuple(built),
        warnings=tuple(warnings),
        source=grid.source,
        kind="progress" if "progress" in kinds else "decomposition",
        furniture=tuple(furniture),
    )


def _walk(grid: Grid, warnings: list[Diagnostic]) -> tuple[list[_SectionDraft], str, list[str]]:
    """Rows → header, sections and each task's rows; continuations joined to the row above."""
    columns: tuple[ColumnMeaning, ...] = map_columns([grid.header]) if grid.header else ()
    header_rows: list[list[str]] = []
    sections: list[_SectionDraft] = []
    title = grid.title
    furniture: list[str] = []
    warned_columns = False
    for row in grid.rows:
        texts = [c.text.strip() for c in row.cells]
        if not any(texts):
            continue
        if row.kind == "header" or (row.kind is None and is_header_row(texts)):
            header_rows = [texts]
            columns = map_columns(header_rows)
            continue
        if header_rows and row.kind is None and is_subheader_row(texts) and not _has_seq(texts):
            header_rows.append(texts)
            columns = map_columns(header_rows)
            continue
        header_rows = []
        if not columns or row.kind == "furniture":
            # Above the header: the document's title and notes.
            text = " ".join(dict.fromkeys(t for t in texts if t))
            if not title and re.search(r"20\d\d\s*年", text):
                title = one_line(text)
            elif row.kind != "furniture" and looks_like_section(text):
                sections.append(_SectionDraft(*_section_title(one_line(text)), row.line))
            else:
                furniture.append(text)
            continue
        if not warned_columns:
            _warn_columns(columns, row, warnings)
            warned_columns = True
        texts += [""] * (len(columns) - len(texts))  # a row shorter than the header
        head = _section_head(row, texts, columns)
        one_cell = len(row.cells) == 1 and len(columns) > 1  # a paragraph between tables
        if _continues_title(sections, head, texts, one_cell):
            # A section title a PDF broke over two lines: '（三）…抢抓“双循' + '环”发展…（共 15项）'.
            last = sections[-1]
            more = head or (one_line(texts[0]), None)
            sections[-1] = _SectionDraft(last.title + more[0], more[1], last.line)
            continue
        if head is not None:
            sections.append(_SectionDraft(*head, row.line))
            continue
        if one_cell:
            furniture.append(texts[0])  # a paragraph between tables that is no section title
            continue
        _add_body_row(row, texts, columns, sections, warnings)
    if not columns:
        raise InputError(
            "no header row naming the columns (序号, 工作任务 or 年度任务目标, 责任单位 …) "
            "was found: is this a task table?",
            source=grid.source,
        )
    return [s for s in sections if s.tasks or s.title], title, furniture


def _continues_title(
    sections: list[_SectionDraft], head: tuple | None, texts: list[str], one_cell: bool
) -> bool:
    """Whether a row ends the title of a section that has no count and no task yet."""
    if not sections or sections[-1].tasks or sections[-1].declared is not None:
        return False
    if not sections[-1].title or _SECTION_LIKE.match(texts[0]) or FOOTER.match(texts[0]):
        return False
    return one_cell or (head is not None and head[1] is not None)


def _warn_columns(columns: Sequence[ColumnMeaning], row: GridRow, warnings: list) -> None:
    for c in columns:
        if c.kind == "unknown" and c.header:
            warnings.append(
                Diagnostic(row.line, f"column '{c.header}' is not one duban knows: kept", row.page)
            )
    if not any(c.kind == "target" for c in columns):
        warnings.append(
            Diagnostic(row.line, "no column of task targets (工作任务 / 年度任务目标)", row.page)
        )


def _has_seq(texts: list[str]) -> bool:
    return any(_SEQ.match(t) for t in texts if t)


def _index(columns: Sequence[ColumnMeaning], kind: str) -> int | None:
    return next((i for i, c in enumerate(columns) if c.kind == kind), None)


def _section_head(
    row: GridRow, texts: list[str], columns: Sequence[ColumnMeaning]
) -> tuple[str, int | None] | None:
    """A section title row: '（一）…（共 17项）' alone, one cell across the row, or 一 + a title."""
    if row.kind == "body":
        return None
    distinct = list(
        dict.fromkeys(t for t, c in zip(texts, row.cells, strict=False) if t and not c.left)
    )
    if not distinct:
        return None
    text = one_line(" ".join(distinct))
    seq_i = _index(columns, "seq")
    if len(distinct) == 2 and seq_i is not None and _CN_NUMBER.match(texts[seq_i]):
        number = texts[seq_i].rstrip("、.．")
        other = next(t for t in distinct if t != texts[seq_i])
        text = f"{number}、{one_line(other)}"
    elif len(distinct) != 1:
        return None
    spans = len(row.cells) > 1 and all(c.left for c in row.cells[1:])
    # A '（二）…' alone in the progress column is a list item continued from the page before.
    first = next(i for i, t in enumerate(texts) if t)
    in_title_place = first in (0, seq_i, _index(columns, "target"), _index(columns, "category"))
    if not (row.kind == "section" or spans or (in_title_place and looks_like_section(text))):
        return None
    if _SEQ.match(text):
        return None
    return _section_title(text)


def _section_title(text: str) -> tuple[str, int | None]:
    """'（一）…（共 17项）' → ('（一）…', 17); a title without a count → (title, None)."""
    m = SECTION.match(text)
    if m:
        return m.group("title").strip(), int(m.group("count"))
    count = _COUNT.search(text)
    if count:
        return text[: count.start()].strip(), int(count.group(1))
    return text, None


def _add_body_row(
    row: GridRow,
    texts: list[str],
    columns: Sequence[ColumnMeaning],
    sections: list[_SectionDraft],
    warnings: list[Diagnostic],
) -> None:
    cells = [("" if c.left or c.above else t) for t, c in zip(texts, row.cells, strict=False)]
    cells += [""] * (len(columns) - len(cells))
    seq_i = _index(columns, "seq")
    target_i = _index(columns, "target")
    cat_i = _index(columns, "category")
    if cat_i is not None and cells[cat_i]:
        name = one_line(cells[cat_i])
        if not sections or sections[-1].title != name:
            sections.append(_SectionDraft(name, None, row.line))
    current = sections[-1].tasks[-1] if sections and sections[-1].tasks else None
    if seq_i is not None:
        covered = row.cells[seq_i].above if seq_i < len(row.cells) else False
        opens = bool(cells[seq_i]) and not covered
        new_page = (
            current is not None and row.page is not None and row.page != current.parts[-1].page
        )
        if not opens and not covered and new_page and current is not None:
            _continue(current.parts[-1], cells)  # the row above, split by a page break
            return
    else:
        covered = target_i is not None and target_i < len(row.cells) and row.cells[target_i].above
        opens = target_i is not None and bool(cells[target_i]) and not covered
    part = _Part(cells, row.line, row.page)
    if opens or current is None:
        if not sections:
            sections.append(_SectionDraft("", None, row.line))
        seq_text = cells[seq_i] if seq_i is not None else ""
        if current is None and not opens:
            warnings.append(Diagnostic(row.line, "a row without 序号 opens the table", row.page))
        sections[-1].tasks.append(_Draft(seq_text, row.line, row.page, [part], tuple(columns)))
    else:
        current.parts.append(part)


def _continue(part: _Part, cells: list[str]) -> None:
    part.texts += [""] * (len(cells) - len(part.texts))
    for i, t in enumerate(cells):
        if t:
            part.texts[i] = f"{part.texts[i]}\n{t}" if part.texts[i] else t


def _numbering(sections: list[_SectionDraft], warnings: list[Diagnostic]) -> dict[int, int]:
    """Task numbers as written when they run 1, 2, 3 … through the plan; else counted, with a warning."""
    drafts = [d for s in sections for d in s.tasks]
    written = []
    for d in drafts:
        m = _SEQ.match(d.seq_text.strip())
        written.append(int(m.group(1)) if m else None)
    ok = all(n is not None for n in written) and all(b > a for a, b in itertools.pairwise(written))
    if ok:
        for d, n, prev in zip(drafts, written, [0, *written], strict=False):
            if n != prev + 1:
                warnings.append(Diagnostic(d.line, f"task number {n} follows {prev}", d.page))
        return {id(d): n for d, n in zip(drafts, written, strict=False)}
    if drafts and all(not d.seq_text for d in drafts):
        first = drafts[0]
        warnings.append(
            Diagnostic(
                first.line, "no 序号: tasks are numbered 1 to N in document order", first.page
            )
        )
        return {id(d): i for i, d in enumerate(drafts, start=1)}
    first_bad = next(
        (
            d
            for d, n, p in zip(drafts, written, [0, *written], strict=False)
            if n is None or p is None or n <= p
        ),
        drafts[0] if drafts else None,
    )
    if first_bad is not None:
        warnings.append(
            Diagnostic(
                first_bad.line,
                f"task numbers do not run through the plan (at '{first_bad.seq_text}'): "
                "tasks are numbered 1 to N in document order",
                first_bad.page,
            )
        )
    return {id(d): i for i, d in enumerate(drafts, start=1)}


def _task(d: _Draft, seq: int, warnings: list) -> Task:
    columns = d.columns
    targets: list[list[str]] = []  # per row, per target column
    units: dict[str, Role] = {}
    row_units: list[list[str]] = []
    people: list[Person] = []
    deadlines: list[str] = []
    milestones: list[Milestone] = []
    extra: dict[str, list[str]] = {}
    progress: list[tuple[str, int]] = []
    for part in d.parts:
        named: list[str] = []
        targets.append([])
        for col, text in zip(columns, part.texts, strict=False):
            if not text:
                continue
            kind = col.kind
            if kind == "target":
                targets[-1].append(one_line(text))
            elif kind in ("units", "lead", "co"):
                for name, stated in split_units(text):
                    role: Role
                    if stated is not None:
                        role = "lead" if stated == "lead" else "co"
                    elif kind == "units":
                        role = "lead" if not units else "co"
                    else:
                        role = kind  # type: ignore[assignment]
                    units.setdefault(name, role)
                    named.append(name)
            elif kind == "leader":
                people += [
                    Person(n, col.header)
                    for n, _ in split_units(text)
                    if n not in [p.name for p in people]
                ]
            elif kind == "deadline":
                deadlines.append(one_line(text))
            elif kind == "milestone":
                milestones += _milestones(col, text, part, seq, warnings)
            elif kind == "progress":
                progress.append((text, part.line))
            elif kind in ("seq", "category"):
                pass
            else:
                extra.setdefault(col.header, []).append(text.strip())
        row_units.append(named)
    # Two target columns (项目名称, 建设规模及内容) read as 'name：scope'.
    target = "".join(_join_name_and_scope(ts) for ts in targets)
    if not target:
        warnings.append(Diagnostic(d.line, f"task {seq} has no target text", d.page))
    unit_refs = tuple(UnitRef(n, r, REGISTRY.canonical(n)) for n, r in units.items())
    if unit_refs and not any(u.role == "lead" for u in unit_refs):
        first = unit_refs[0]
        unit_refs = (UnitRef(first.name, "lead", first.canonical), *unit_refs[1:])
    for u in unit_refs:
        warn_unknown_unit(u.name, d.line, seq, warnings)
    if not unit_refs:
        warnings.append(Diagnostic(d.line, f"task {seq} names no responsible unit", d.page))
    # A row's own unit answers for its progress only where the task has one row per unit.
    own = {
        p.line: (u[0] if len(u) == 1 and len(d.parts) > 1 else None)
        for p, u in zip(d.parts, row_units, strict=False)
    }
    cells = [(text, line, own.get(line)) for text, line in progress]
    reports = split_reports(cells, [u.name for u in unit_refs], seq, d.page, warnings)
    deadline_text = "；".join(dict.fromkeys(deadlines)) or None
    ongoing = False
    due: tuple[int | None, int | None] = (None, None)
    if deadline_text:
        understood = parse_deadline(deadline_text)
        if understood is None:
            warnings.append(
                Diagnostic(
                    d.line, f"deadline '{deadline_text}' of task {seq} not understood", d.page
                )
            )
        else:
            ongoing = understood.ongoing
            due = (understood.year, understood.month)
    return Task(
        seq=seq,
        target=target,
        units=unit_refs,
        reports=tuple(reports),
        line=d.line,
        deadline=deadline_text,
        ongoing=ongoing,
        people=tuple(people),
        due_year=due[0],
        due_month=due[1],
        milestones=tuple(milestones),
        extra=tuple((k, "\n".join(v)) for k, v in extra.items()),
    )


def _join_name_and_scope(texts: list[str]) -> str:
    out = ""
    for t in texts:
        out += ("：" if out and not out.endswith(("。", "：", ":", "；")) else "") + t
    return out


def _milestones(col: ColumnMeaning, text: str, part: _Part, seq: int, warnings: list) -> list:
    if col.end_month is not None:
        return [Milestone(col.label or col.header, col.end_month, one_line(text))]
    found = split_milestones(text)
    if found:
        return found
    warnings.append(
        Diagnostic(
            part.line, f"形象进度 of task {seq} names no period: kept for the year", part.page
        )
    )
    return [Milestone(col.header, 12, one_line(text))]


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
