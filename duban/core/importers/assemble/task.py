"""One task from the table rows that belong to it: target, units, people, deadline, reports.

The rows come from plan.py's walk over a Grid (grid.py); each row's cells are read by the
meaning of their column (columns.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.cells import (
    one_line,
    parse_deadline,
    split_milestones,
    split_units,
)
from duban.core.importers.assemble.columns import ColumnMeaning
from duban.core.importers.assemble.facts import warn_unknown_unit
from duban.core.importers.assemble.reports import split_reports
from duban.core.model import Milestone, Person, Role, Task, UnitRef
from duban.core.units import REGISTRY


@dataclass
class RowPart:
    """One table row's cells as far as they belong to a task (covered cells are empty)."""

    texts: list[str]
    line: int
    page: int | None


@dataclass
class TaskDraft:
    seq_text: str
    line: int
    page: int | None
    parts: list[RowPart]
    columns: tuple[ColumnMeaning, ...]  # the header in force where the task's row stood


def build_task(d: TaskDraft, seq: int, warnings: list) -> Task:
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


def _milestones(col: ColumnMeaning, text: str, part: RowPart, seq: int, warnings: list) -> list:
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
