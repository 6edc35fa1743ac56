"""A Grid (grid.py) → a Plan: the header found, section rows told from task rows, the rows of
one task gathered (a merged cell, a row continued over a page break), task numbers checked;
each task is then built by task.py. Every guess is a Diagnostic.
"""

from __future__ import annotations

import itertools
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
from duban.core.importers.assemble.period import document_period
from duban.core.importers.assemble.task import RowPart, TaskDraft, build_task
from duban.core.importers.grid import (
    SECTION_COUNT,
    SECTION_LIKE,
    Grid,
    GridRow,
    looks_like_section,
)
from duban.core.importers.layouts.lines import FOOTER, SECTION
from duban.core.model import Plan, Section

_CN_NUMBER = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_SEQ = re.compile(r"^[（(]?(\d{1,4})[）)]?[.．、]?$")


@dataclass
class _SectionDraft:
    title: str
    declared: int | None
    line: int
    tasks: list[TaskDraft] = field(default_factory=list)


def grid_to_plan(grid: Grid, *, district: str | None = None) -> Plan:
    """Read a Grid as a progress table or a decomposition table (see the module docstring)."""
    warnings: list[Diagnostic] = []
    sections, title, furniture = _walk(grid, warnings)
    seqs = _numbering(sections, warnings)
    built: list[Section] = []
    for number, sec in enumerate(sections):
        tasks = tuple(build_task(d, seqs[id(d)], warnings) for d in sec.tasks)
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
    if not sections[-1].title or SECTION_LIKE.match(texts[0]) or FOOTER.match(texts[0]):
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
    part = RowPart(cells, row.line, row.page)
    if opens or current is None:
        if not sections:
            sections.append(_SectionDraft("", None, row.line))
        seq_text = cells[seq_i] if seq_i is not None else ""
        if current is None and not opens:
            warnings.append(Diagnostic(row.line, "a row without 序号 opens the table", row.page))
        sections[-1].tasks.append(TaskDraft(seq_text, row.line, row.page, [part], tuple(columns)))
    else:
        current.parts.append(part)


def _continue(part: RowPart, cells: list[str]) -> None:
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
