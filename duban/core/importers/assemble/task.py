"""One task from the table rows that belong to it: target, units, people, deadline, reports.

The rows come from plan.py's walk over a Grid (grid.py); each row's cells are read by the
meaning of their column (columns.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from duban.core.errors import Diagnostic
from duban.core.importers.assemble.cells import (
    one_line,
    parse_deadline,
    split_milestones,
    split_units,
)
from duban.core.importers.assemble.columns import ColumnMeaning
from duban.core.importers.assemble.facts import warn_unknown_unit
from duban.core.importers.assemble.leaders import split_leaders
from duban.core.importers.assemble.reports import split_reports
from duban.core.importers.assemble.schema import LEADING_SHARE, is_status_text, parse_number
from duban.core.messages import W
from duban.core.model import (
    DocumentStatus,
    Figure,
    Milestone,
    Period,
    Person,
    Report,
    Role,
    Task,
    UnitRef,
)
from duban.core.units import GENERAL, Registry, is_person

# A sub-item of a target: （一）…, (1)…, 1.…, 1、…, ①…, 一是….
ITEM_MARK = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[①-⑳]|[一二三四五六七八九十]+是)"
)


@dataclass
class RowPart:
    """One table row's cells as far as they belong to a task (covered cells are empty)."""

    texts: list[str]
    line: int
    page: int | None
    overflow: list[str] = field(default_factory=list)  # cells beyond the header's last column


@dataclass
class TaskDraft:
    seq_text: str
    line: int
    page: int | None
    parts: list[RowPart]
    columns: tuple[ColumnMeaning, ...]  # the header in force where the task's row stood
    number: str = ""  # the number as the document writes it, when it is not the seq
    prefix: str = ""  # a group row's project name the task's target opens with
    subs: list[TaskDraft] = field(default_factory=list)  # sub-items with their own unit


@dataclass
class _Cells:
    """A task's cells gathered by what their columns mean."""

    targets: list[list[str]] = field(default_factory=list)  # per row, per target column
    units: dict[str, Role] = field(default_factory=dict)
    row_units: list[list[str]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    status: list[DocumentStatus] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)
    progress: list[tuple[str, int]] = field(default_factory=list)
    earlier: list[tuple[str, int, Period]] = field(default_factory=list)
    in_target: list[str] = field(default_factory=list)  # 26000人 from a numeric target column


def build_task(
    d: TaskDraft,
    seq: int,
    warnings: list[Diagnostic],
    *,
    units: Registry = GENERAL,
    year: int | None = None,
    units_expected: bool = True,
    visual_lines: bool = False,
) -> Task:
    """The task of a draft's rows, its unit names read with `units` (the organization's
    registry); `units_expected` is False for a table with no unit column, `visual_lines` True
    when cells hold a printed page's lines (grid.py)."""
    got = _Cells()
    for part in d.parts:
        got.targets.append([])
        got.row_units.append([])
        for col, text in zip(d.columns, part.texts, strict=False):
            if text:
                _read_cell(got, col, text, part, seq, year, warnings, units)
        for k, text in enumerate(part.overflow, start=len(d.columns) + 1):
            if text:
                got.extra.setdefault(f"第{k}列", []).append(text.strip())
    target, items, unit = _target(d.prefix, got)
    if unit:  # '城镇新增就业（人）' | 26000 | 15200: each bare number counts 人
        got.figures = [
            replace(f, unit=unit) if not f.unit and f.role in ("target", "actual") else f
            for f in got.figures
        ]
    if not target:
        warnings.append(Diagnostic(d.line, W.NO_TARGET(seq=seq), d.page))
    unit_refs = _unit_refs(got.units, units)
    for u in unit_refs:
        warn_unknown_unit(u.name, d.line, seq, warnings, units)
    if not unit_refs and units_expected:
        warnings.append(Diagnostic(d.line, W.NO_UNIT(seq=seq), d.page))
    # A row's own unit answers for its progress only where the task has one row per unit.
    own = {
        p.line: (u[0] if len(u) == 1 and len(d.parts) > 1 else None)
        for p, u in zip(d.parts, got.row_units, strict=False)
    }
    names = [u.name for u in unit_refs]
    cells = [(text, line, own.get(line)) for text, line in got.progress]
    reports = split_reports(cells, names, seq, d.page, warnings, units, visual_lines=visual_lines)
    earlier: list[Report] = []
    for text, line, period in got.earlier:
        found = split_reports(
            [(text, line, own.get(line))],
            names,
            seq,
            d.page,
            warnings,
            units,
            visual_lines=visual_lines,
        )
        earlier += [Report(r.unit, r.text, r.canonical, r.line, period=period) for r in found]
    deadline_text = "；".join(dict.fromkeys(got.deadlines)) or None
    ongoing, due = _deadline(deadline_text, d, seq, warnings)
    return Task(
        seq=seq,
        target=target,
        units=unit_refs,
        reports=tuple(reports),
        line=d.line,
        deadline=deadline_text,
        ongoing=ongoing,
        people=split_leaders(tuple(got.people)),
        milestones=tuple(got.milestones),
        extra=tuple((k, "\n".join(v)) for k, v in got.extra.items()),
        number=d.number,
        due_year=due[0],
        due_month=due[1],
        figures=tuple(got.figures),
        status=tuple(got.status),
        items=items,
        earlier_reports=tuple(earlier),
    )


def _read_cell(
    got: _Cells,
    col: ColumnMeaning,
    text: str,
    part: RowPart,
    seq: int,
    year: int | None,
    warnings: list[Diagnostic],
    units: Registry,
) -> None:
    kind = col.kind
    period = Period(col.label, col.end_month, year) if col.label and col.end_month else None
    if kind == "target":
        got.targets[-1].append(text.strip())
    elif kind in ("units", "lead", "co"):
        for name, stated in split_units(text, units):
            if units.lookup(name) is None and is_person(name):
                _person_in_units(Person(name, col.header), seq, part, got.people, warnings)
                continue
            role: Role
            if stated is not None:
                role = "lead" if stated == "lead" else "co"
            elif kind == "units":
                role = "lead" if not got.units else "co"
            else:
                role = "lead" if kind == "lead" else "co"
            got.units.setdefault(name, role)
            got.row_units[-1].append(name)
    elif kind == "leader":
        known = [p.name for p in got.people]
        got.people += [Person(n, col.header) for n, _ in split_units(text, units) if n not in known]
    elif kind == "deadline":
        got.deadlines.append(one_line(text))
    elif kind == "milestone":
        got.milestones += _milestones(col, text, part, seq, warnings)
    elif kind == "progress":
        if col.earlier and period is not None:
            got.earlier.append((text, part.line, period))
        else:
            got.progress.append((text, part.line))
        if col.also_status:
            got.status.append(DocumentStatus(col.header, one_line(text), period))
        share = LEADING_SHARE.match(text) if col.role == "share" else None
        if share is not None:
            value = float(share.group("value"))
            got.figures.append(Figure("share", value, "%", col.header, one_line(text), period))
        elif col.role == "actual" and parse_number(text) is not None:
            _figure(got, col, one_line(text), period)
    elif kind == "figure":
        _figure(got, col, one_line(text), period)
    elif kind == "status" or (kind == "notes" and is_status_text(text)):
        got.status.append(DocumentStatus(col.header, one_line(text), period))
    elif kind not in ("seq", "category"):
        got.extra.setdefault(col.header, []).append(text.strip())


def _figure(got: _Cells, col: ColumnMeaning, text: str, period: Period | None) -> None:
    number = parse_number(text)
    if number is None or col.role is None:
        got.extra.setdefault(col.header, []).append(text)  # '—', '约三千': kept as written
        return
    value, written_unit = number
    unit = written_unit or col.unit or ("%" if col.role == "share" else "")
    got.figures.append(Figure(col.role, value, unit, col.header, text, period))
    if col.in_target:
        got.in_target.append(text if written_unit or not unit else text + unit)


def _target(prefix: str, got: _Cells) -> tuple[str, tuple[str, ...], str]:
    """The words of the target columns (two in one row read 'name：scope'), a group row's name
    first, a numeric target after, and the sub-items ((一)…, 1.…) in order, each its own item;
    and the unit a name states in brackets ('城镇新增就业（人）')."""
    rows: list[list[str]] = []  # the words before any item, per row and column
    items: list[str] = []
    for r, row in enumerate(got.targets):
        rows.append([])
        for k, cell in enumerate(row):
            words: list[str] = []
            for i, x in enumerate(x.strip() for x in cell.splitlines() if x.strip()):
                if ITEM_MARK.match(x) and (r or k or i or items):
                    items.append(x)
                elif items:
                    items[-1] = one_line(items[-1] + "\n" + x)
                else:
                    words.append(x)
            rows[-1].append(one_line("\n".join(words)))
    said = "".join(_join_name_and_scope(row) for row in rows)
    if prefix:
        said = _join_name_and_scope([prefix, said])
    if items:
        said = _join_name_and_scope([said, "；".join(items)])
    named = _NAMED_UNIT.match(said)
    for number in got.in_target:
        said = _say_number(said, number)
    return said, tuple(items), named.group("unit") if named else ""


_NAMED_UNIT = re.compile(r"^(?P<name>[^，。；,;]+?)[（(](?P<unit>[^（）()]{1,5})[）)]$")


def _say_number(words: str, number: str) -> str:
    """'城镇新增就业（人）' + '26000' → '城镇新增就业26000人'; a sentence takes it in brackets."""
    m = _NAMED_UNIT.match(words)
    if m and number.replace(".", "").replace(",", "").isdigit():
        return f"{m.group('name')}{number}{m.group('unit')}"
    if not words:
        return number
    if words.endswith(("。", "；", "：", ".", ";")) or len(words) > 30:
        return f"{words}（{number}）"
    return f"{words}{number}"


def _person_in_units(
    person: Person, seq: int, part: RowPart, people: list[Person], warnings: list[Diagnostic]
) -> None:
    """A person's name in a units column (分管领导 written beside the units): one of the people."""
    if person.name not in [p.name for p in people]:
        people.append(person)
    warnings.append(
        Diagnostic(
            part.line,
            W.PERSON_IN_UNITS(name=person.name, seq=seq),
            part.page,
        )
    )


def _unit_refs(named: dict[str, Role], units: Registry) -> tuple[UnitRef, ...]:
    refs = tuple(UnitRef(n, r, units.canonical(n)) for n, r in named.items())
    if refs and not any(u.role == "lead" for u in refs):
        first = refs[0]
        refs = (UnitRef(first.name, "lead", first.canonical), *refs[1:])
    return refs


def _deadline(
    text: str | None, d: TaskDraft, seq: int, warnings: list[Diagnostic]
) -> tuple[bool, tuple[int | None, int | None]]:
    if not text:
        return False, (None, None)
    understood = parse_deadline(text)
    if understood is None:
        warnings.append(Diagnostic(d.line, W.DEADLINE(deadline=text, seq=seq), d.page))
        return False, (None, None)
    return understood.ongoing, (understood.year, understood.month)


def _join_name_and_scope(texts: list[str]) -> str:
    out = ""
    for t in texts:
        if not t:
            continue
        out += ("：" if out and not out.endswith(("。", "：", ":", "；")) else "") + t
    return out


def _milestones(
    col: ColumnMeaning, text: str, part: RowPart, seq: int, warnings: list[Diagnostic]
) -> list[Milestone]:
    if col.end_month is not None:
        return [Milestone(col.label or col.header, col.end_month, one_line(text))]
    found = split_milestones(text)
    if found:
        return found
    warnings.append(Diagnostic(part.line, W.IMAGE_NO_PERIOD(seq=seq), part.page))
    return [Milestone(col.header, 12, one_line(text))]
