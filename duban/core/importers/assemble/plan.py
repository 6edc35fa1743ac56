"""A Grid (grid.py) → a Plan: the header found, section rows told from task rows, the rows of
one task gathered (a merged cell, a row continued over a page break), task numbers checked;
each task is then built by task.py. Every guess is a Diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from duban.core.errors import Diagnostic, InputError
from duban.core.importers.assemble.cells import one_line
from duban.core.importers.assemble.columns import (
    ColumnMeaning,
    is_header_row,
    is_subheader_row,
    map_columns,
)
from duban.core.importers.assemble.facts import district_of, year_of
from duban.core.importers.assemble.numbers import number_tasks, parse_seq
from duban.core.importers.assemble.period import document_period
from duban.core.importers.assemble.schema import refine
from duban.core.importers.assemble.task import ITEM_MARK, RowPart, TaskDraft, build_task
from duban.core.importers.grid import (
    CN_NUMERAL,
    SECTION_COUNT,
    SECTION_LIKE,
    Grid,
    GridRow,
    looks_like_section,
)
from duban.core.importers.layouts.lines import FOOTER, SECTION
from duban.core.messages import E, W
from duban.core.model import ColumnUse, Period, Plan, Section
from duban.core.units import GENERAL, Registry

_CN_NUMBER = re.compile(rf"^{CN_NUMERAL}[、.．]?$")
_UNIT_KINDS = ("units", "lead", "co")


@dataclass
class _SectionDraft:
    title: str
    declared: int | None
    line: int
    tasks: list[TaskDraft] = field(default_factory=list)


def grid_to_plan(grid: Grid, *, units: Registry = GENERAL, district: str | None = None) -> Plan:
    """Read a Grid as a progress table or a decomposition table (see the module docstring)."""
    warnings: list[Diagnostic] = []
    sections, title, furniture = _walk(grid, warnings)
    if not any(s.tasks for s in sections):
        raise InputError(E.NO_TASK_ROWS(), source=grid.source)
    year = year_of(title)
    schemas = _refine(sections)
    has_units = any(c.kind in _UNIT_KINDS for cols in schemas for c in cols)
    if not has_units:
        first = next(d for s in sections for d in s.tasks)
        warnings.append(
            Diagnostic(
                first.line,
                W.NO_UNIT_COLUMN(),
                first.page,
            )
        )
    numbered = number_tasks([s.tasks for s in sections], warnings)
    built: list[Section] = []
    for number, (sec, tasks_of) in enumerate(zip(sections, numbered, strict=True)):
        tasks = []
        for d, seq, written in tasks_of:
            d.number = written
            tasks.append(
                build_task(
                    d,
                    seq,
                    warnings,
                    units=units,
                    year=year,
                    units_expected=has_units,
                    visual_lines=grid.visual_lines,
                )
            )
        if sec.declared is not None and sec.declared != len(tasks):
            warnings.append(
                Diagnostic(
                    sec.line,
                    W.SECTION_COUNT(title=sec.title, declared=sec.declared, got=len(tasks)),
                )
            )
        built.append(Section(number, sec.title, sec.declared, tuple(tasks)))
    kinds = {c.kind for cols in schemas for c in cols}
    period, earlier = _periods(title, year, schemas)
    return Plan(
        title=title,
        year=year,
        district=district or district_of("\n".join([title, grid.text, *furniture])),
        period=period,
        sections=tuple(built),
        warnings=tuple(warnings),
        source=grid.source,
        kind="progress" if kinds & {"progress", "status"} or period else "decomposition",
        furniture=tuple(furniture),
        earlier_periods=earlier,
        columns=column_uses(schemas),
        units=units,
    )


def _refine(sections: list[_SectionDraft]) -> list[tuple[ColumnMeaning, ...]]:
    """Each header's columns as their cells show them (schema.py), set on the tasks under it."""
    by_header: dict[tuple[ColumnMeaning, ...], list[TaskDraft]] = {}
    for sec in sections:
        for d in sec.tasks:
            for sub in (d, *d.subs):
                by_header.setdefault(sub.columns, []).append(sub)
    out = []
    for columns, drafts in by_header.items():
        refined = refine(columns, [p.texts for d in drafts for p in d.parts])
        for d in drafts:
            d.columns = refined
        out.append(refined)
    return out


def _periods(
    title: str, year: int | None, schemas: list[tuple[ColumnMeaning, ...]]
) -> tuple[Period | None, tuple[Period, ...]]:
    """The document's period (its title's, else its latest progress column's) and the periods
    of its earlier progress columns, oldest first."""
    dated = {
        c.end_month: Period(c.label, c.end_month, year)
        for cols in schemas
        for c in cols
        if c.kind == "progress" and c.label and c.end_month
    }
    current = document_period(title, [], year)
    if current is None and dated:
        current = dated[max(dated)]
    earlier = tuple(
        p for month, p in sorted(dated.items()) if current is None or (month < current.end_month)
    )
    return current, earlier


def column_uses(schemas: list[tuple[ColumnMeaning, ...]]) -> tuple[ColumnUse, ...]:
    """How the table's columns were read, each header once, in order: for `duban parse` and the
    upload preview."""
    out: dict[str, ColumnUse] = {}
    for cols in schemas:
        for c in cols:
            if c.header and c.header not in out:
                out[c.header] = ColumnUse(
                    c.header,
                    c.kind,
                    c.role or "",
                    c.unit,
                    c.label or "",
                    c.earlier,
                    c.in_target,
                )
    return tuple(out.values())


def _walk(grid: Grid, warnings: list[Diagnostic]) -> tuple[list[_SectionDraft], str, list[str]]:
    """Rows → header, sections and each task's rows; continuations joined to the row above."""
    columns: tuple[ColumnMeaning, ...] = map_columns([grid.header]) if grid.header else ()
    header_rows: list[list[str]] = []
    sections: list[_SectionDraft] = []
    title = grid.title
    furniture: list[str] = []
    warned_columns = False
    anchors: dict[int, str] = {}  # per column, the last cell's own text: a merge carries it down
    for row in grid.rows:
        texts = [c.text.strip() for c in row.cells]
        if not any(texts):
            continue
        if header_rows and row.kind is None and is_subheader_row(texts) and not _has_seq(texts):
            header_rows.append(texts)  # 牵头单位 / 配合单位 under a merged 责任单位
            columns = _named(map_columns(header_rows))
            continue
        if row.kind == "header" or (row.kind is None and is_header_row(texts)):
            header_rows = [texts]
            columns = _named(map_columns(header_rows))
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
        _add_body_row(row, texts, columns, sections, warnings, anchors)
    if not columns:
        raise InputError(_no_header(grid), source=grid.source)
    return [s for s in sections if s.tasks or s.title], title, furniture


def _named(columns: tuple[ColumnMeaning, ...]) -> tuple[ColumnMeaning, ...]:
    """The header's columns up to its last named one: cells beyond it are a row's extra cells."""
    end = len(columns)
    while end > 1 and not columns[end - 1].header:
        end -= 1
    return columns[:end]


def _no_header(grid: Grid) -> str:
    """The sentence for a table whose header names no column duban knows, with what it saw."""
    first = next(
        (
            r
            for r in grid.rows
            if r.kind != "furniture" and sum(1 for t in r.texts if t.strip()) > 1
        ),
        None,
    )
    if first is None:
        return E.HEADER_MISSING()
    return E.HEADER_UNKNOWN(
        headers="、".join(dict.fromkeys(one_line(t) for t in first.texts if t.strip()))
    )


def _continues_title(
    sections: list[_SectionDraft],
    head: tuple[str, int | None] | None,
    texts: list[str],
    one_cell: bool,
) -> bool:
    """Whether a row ends the title of a section that has no count and no task yet."""
    if not sections or sections[-1].tasks or sections[-1].declared is not None:
        return False
    if not sections[-1].title or SECTION_LIKE.match(texts[0]) or FOOTER.match(texts[0]):
        return False
    return one_cell or (head is not None and head[1] is not None)


def _warn_columns(
    columns: Sequence[ColumnMeaning], row: GridRow, warnings: list[Diagnostic]
) -> None:
    for c in columns:
        if c.kind == "unknown" and c.header:
            warnings.append(Diagnostic(row.line, W.COLUMN_UNKNOWN(header=c.header), row.page))
    if not any(c.kind == "target" for c in columns):
        warnings.append(Diagnostic(row.line, W.NO_TARGET_COLUMN(), row.page))


def _has_seq(texts: list[str]) -> bool:
    return any(parse_seq(t) for t in texts if t)


def _index(columns: Sequence[ColumnMeaning], kind: str) -> int | None:
    return next((i for i, c in enumerate(columns) if c.kind == kind), None)


def _section_head(
    row: GridRow, texts: list[str], columns: Sequence[ColumnMeaning]
) -> tuple[str, int | None] | None:
    """A section title row: '（一）…（共 17项）' alone, one cell across the row, or 一 + a title.

    A row with a cell merged down from the row above is inside a task ('（一）新建小学1所'
    under a merged number): never a section."""
    if row.kind == "body" or any(c.above for c in row.cells):
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
    if parse_seq(text):
        return None
    return _section_title(text)


def _section_title(text: str) -> tuple[str, int | None]:
    """'（一）…（共 17项）' → ('（一）…', 17); a title without a count → (title, None)."""
    m = SECTION.match(text)
    if m:
        return m.group("title").strip(), int(m.group("count"))
    count = SECTION_COUNT.search(text)
    if count:
        return text[: count.start()].strip(), int(count.group(1))
    return text, None


def _add_body_row(
    row: GridRow,
    texts: list[str],
    columns: Sequence[ColumnMeaning],
    sections: list[_SectionDraft],
    warnings: list[Diagnostic],
    anchors: dict[int, str],
) -> None:
    width = len(columns)
    overflow = _overflow(row, texts, width, warnings)
    cells = [("" if c.left or c.above else t) for t, c in zip(texts, row.cells, strict=False)]
    cells = (cells + [""] * width)[:width]
    covered = [i < len(row.cells) and row.cells[i].above for i in range(width)]
    seq_i = _index(columns, "seq")
    target_i = _index(columns, "target")
    cat_i = _index(columns, "category")
    current = sections[-1].tasks[-1] if sections and sections[-1].tasks else None
    if seq_i is not None:
        opens = bool(cells[seq_i]) and not covered[seq_i]
        new_page = (
            current is not None and row.page is not None and row.page != current.parts[-1].page
        )
        if not opens and not covered[seq_i] and new_page and current is not None:
            _continue(current.parts[-1], cells)  # the row above, split by a page break
            return
    else:
        opens = target_i is not None and bool(cells[target_i]) and not covered[target_i]
    sub = not opens and current is not None and _sub_item(cells, columns)
    if opens or sub == "task":
        # A vertically merged cell (a unit, a group, a project name) holds for every row it spans.
        cells = [
            anchors.get(i, "") if covered[i] and i != seq_i else t for i, t in enumerate(cells)
        ]
    for i, t in enumerate(cells):
        if not covered[i]:
            anchors[i] = t
    if cat_i is not None and cells[cat_i] and (opens or current is None):
        name = one_line(cells[cat_i])
        if not sections or sections[-1].title != name:
            sections.append(_SectionDraft(name, None, row.line))
    part = RowPart(cells, row.line, row.page, overflow)
    if sub == "task" and current is not None:
        draft = TaskDraft(current.seq_text, row.line, row.page, [part], tuple(columns))
        current.subs.append(draft)
    elif opens or current is None:
        if not sections:
            sections.append(_SectionDraft("", None, row.line))
        seq_text = cells[seq_i] if seq_i is not None else ""
        if current is None and not opens:
            warnings.append(Diagnostic(row.line, "a row without 序号 opens the table", row.page))
        sections[-1].tasks.append(TaskDraft(seq_text, row.line, row.page, [part], tuple(columns)))
    else:
        (current.subs[-1] if current.subs else current).parts.append(part)


def _sub_item(cells: list[str], columns: Sequence[ColumnMeaning]) -> str | None:
    """A row under a task whose target opens with a sub-item mark ((一), 1.): "task" when it
    names its own unit (a task of its own, 3-1), "item" when not (an item of the task above)."""
    own = [t for t, c in zip(cells, columns, strict=True) if c.kind == "target" and t]
    if not own or not ITEM_MARK.match(own[-1].strip()):
        return None
    units = any(t for t, c in zip(cells, columns, strict=True) if c.kind in _UNIT_KINDS)
    return "task" if units else "item"


def _overflow(row: GridRow, texts: list[str], width: int, warnings: list[Diagnostic]) -> list[str]:
    """Cells beyond the header's last column: kept, with a warning naming the row."""
    beyond = [t for t, c in zip(texts[width:], row.cells[width:], strict=False) if not c.left]
    while beyond and not beyond[-1]:
        beyond.pop()
    if beyond and width:
        warnings.append(
            Diagnostic(
                row.line,
                W.EXTRA_CELLS_KEPT(row=row.line, got=width + len(beyond), width=width),
                row.page,
            )
        )
    return beyond


def _continue(part: RowPart, cells: list[str]) -> None:
    part.texts += [""] * (len(cells) - len(part.texts))
    for i, t in enumerate(cells):
        if t:
            part.texts[i] = f"{part.texts[i]}\n{t}" if part.texts[i] else t
