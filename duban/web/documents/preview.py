"""What the office sees before an import: the parsed plan laid out as sections, tasks and units.

Built from the core Plan alone, plus the names of units the organization already has, so the
preview never touches the tables the import would write.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from duban.core import model as core
from duban.core.units import plain_name_problem
from duban.web.documents.wording import warning_sentence, where
from duban.web.plans import seam

FORMATS = {
    ".txt": "文本",
    ".docx": "Word",
    ".doc": "Word（旧格式，已转换）",
    ".wps": "WPS 文字（已转换）",
    ".xlsx": "Excel",
    ".xls": "Excel（旧格式，已转换）",
    ".pdf": "PDF",
}
KINDS = {"progress": "落实情况表（任务及进展）", "decomposition": "任务分解表"}


@dataclass(frozen=True)
class TaskRow:
    seq: int
    label: str  # the number as the document writes it (3-1, 9*)
    target: str
    lead: tuple[str, ...]
    co: tuple[str, ...]
    deadline: str
    reports: int


@dataclass(frozen=True)
class SectionRow:
    number: int
    title: str
    declared: int | None
    tasks: tuple[TaskRow, ...]

    @property
    def count_differs(self) -> bool:
        return self.declared is not None and self.declared != len(self.tasks)


@dataclass(frozen=True)
class UnitRow:
    name: str  # as it will be stored: the registry's canonical name when it knows the unit
    written: tuple[str, ...]  # other spellings in the document
    known: bool  # a unit of the organization, or read as one by its words
    new: bool  # not yet a unit of the organization: the import creates it
    problem: str | None = None  # why it cannot be a unit's name (too long, only punctuation)


@dataclass(frozen=True)
class SamePair:
    """A new name general knowledge reads as another unit (财政局 ≈ 县财政局): the office ticks
    it to import `name` as a spelling of `same_as`; unticked, both are kept apart."""

    name: str
    same_as: str
    existing: bool  # same_as is already a unit of the organization


# What the importer read a column as, in the office's words (core/importers/assemble/columns.py).
MEANINGS = {
    "seq": "序号",
    "category": "所属部分（类别）",
    "target": "任务目标",
    "units": "责任单位",
    "lead": "牵头单位",
    "co": "配合单位",
    "leader": "责任人（领导，不作为单位）",
    "progress": "进展情况",
    "problems": "存在问题",
    "next_steps": "下步打算",
    "deadline": "完成时限",
    "milestone": "形象进度",
    "plan": "工作计划",
    "measures": "工作措施",
    "figure": "数值",
    "status": "文件所载完成状态",
    "notes": "备注",
    "info": "其他信息（原样保留）",
}
ROLES = {"target": "目标值", "actual": "完成值", "share": "完成比例", "total": "总投资"}


@dataclass(frozen=True)
class ColumnRow:
    header: str  # as the document writes it
    meaning: str  # what duban read it as, in Chinese; "" when it maps to nothing
    detail: str

    @property
    def unmapped(self) -> bool:
        return not self.meaning


def _column_row(c: core.ColumnUse) -> ColumnRow:
    parts = [ROLES.get(c.role, c.role), c.unit and f"单位：{c.unit}", c.period]
    if c.earlier:
        parts.append("上一期，存为较早的报送期")
    if c.in_target:
        parts.append("写入任务目标")
    detail = "，".join(p for p in parts if p)
    return ColumnRow(c.header, MEANINGS.get(c.meaning, ""), detail)


@dataclass(frozen=True)
class Preview:
    filename: str
    format: str
    kind: str
    title: str
    year: int | None
    district: str | None
    period: str | None
    sections: tuple[SectionRow, ...]
    columns: tuple[ColumnRow, ...]  # how the table's columns were read (tables only)
    units: tuple[UnitRow, ...]
    pairs: tuple[SamePair, ...]  # likely same units, for the office to confirm
    warnings: tuple[str, ...]  # the importer's diagnostics, each with its place
    notes: tuple[str, ...]  # what the import will do to what is already there

    @property
    def task_count(self) -> int:
        return sum(len(s.tasks) for s in self.sections)

    @property
    def report_count(self) -> int:
        return sum(t.reports for s in self.sections for t in s.tasks)

    @property
    def unmapped_columns(self) -> tuple[ColumnRow, ...]:
        return tuple(c for c in self.columns if c.unmapped)

    @property
    def unknown_units(self) -> tuple[UnitRow, ...]:
        return tuple(u for u in self.units if not u.known)

    @property
    def new_units(self) -> tuple[UnitRow, ...]:
        return tuple(u for u in self.units if u.new)

    @property
    def name_problems(self) -> tuple[UnitRow, ...]:
        """Names no unit can have: the import is refused until the document is corrected."""
        return tuple(u for u in self.units if u.problem)


def _deadline(task: core.Task) -> str:
    if task.deadline:
        return task.deadline
    return "持续推进" if task.ongoing else ""


def _task_row(task: core.Task) -> TaskRow:
    return TaskRow(
        seq=task.seq,
        label=task.label,
        target=task.target,
        lead=tuple(u.name for u in task.units if u.role == "lead"),
        co=tuple(u.name for u in task.units if u.role == "co"),
        deadline=_deadline(task),
        reports=sum(1 for r in task.reports if r.text.strip()),
    )


def _units(plan: core.Plan, existing: set[str]) -> tuple[UnitRow, ...]:
    seen: dict[str, set[str]] = {}
    for t in plan.tasks:
        named = [(u.name, u.canonical) for u in t.units]
        named += [(r.unit, r.canonical) for r in t.reports if r.unit]
        for written, canonical in named:
            seen.setdefault(seam.unit_name_from_core(written, canonical), set()).add(written)
    return tuple(
        UnitRow(
            name=name,
            written=tuple(sorted(spellings - {name})),
            known=not plan.units.is_unknown(name),
            new=name not in existing,
            problem=plain_name_problem(name),
        )
        for name, spellings in seen.items()
    )


def same_pairs(plan: core.Plan, rows: tuple[UnitRow, ...]) -> tuple[SamePair, ...]:
    """New names that read as a unit of the organization, or as another new name of the
    document (the fuller spelling kept), in the order the document names them."""
    registry = plan.units
    fresh = [u.name for u in rows if u.new and not u.problem]
    pairs: list[SamePair] = []
    paired: set[str] = set()
    for name in fresh:
        for other in registry.likely_same(name):
            if other != name:
                pairs.append(SamePair(name, other, True))
                paired.add(name)
                break
    for i, a in enumerate(fresh):
        for b in fresh[i + 1 :]:
            if a in paired or b in paired or not registry.same_unit(a, b):
                continue
            short, full = sorted((a, b), key=lambda n: (len(n), n))
            pairs.append(SamePair(short, full, False))
            paired.add(short)
    return tuple(pairs)


def plan_preview(
    plan: core.Plan,
    *,
    filename: str,
    suffix: str,
    existing_units: set[str],
    notes: tuple[str, ...] = (),
) -> Preview:
    return Preview(
        filename=filename,
        format=FORMATS.get(suffix, suffix),
        kind=KINDS.get(plan.kind, plan.kind),
        title=plan.title,
        year=plan.year,
        district=plan.district,
        period=(f"{plan.period.label}（截至 {plan.period.end_month} 月）" if plan.period else None),
        sections=tuple(
            SectionRow(s.number, s.title, s.declared_count, tuple(_task_row(t) for t in s.tasks))
            for s in plan.sections
        ),
        columns=tuple(_column_row(c) for c in plan.columns),
        units=(units := _units(plan, existing_units)),
        pairs=same_pairs(plan, units),
        warnings=tuple(
            f"{where(filename, page=w.page, line=w.line or None)}：{warning_sentence(w)}"
            for w in plan.warnings
        ),
        notes=notes,
    )


def plan_with_same(plan: core.Plan, same: dict[str, str]) -> core.Plan:
    """The plan with each name of `same` read as the unit it maps to (the pairs the office
    confirmed): responsibilities and reports then go to that unit, the name kept as written."""
    if not same:
        return plan

    def to(name: str | None, canonical: str | None) -> str | None:
        if name is None:
            return canonical
        stored = seam.unit_name_from_core(name, canonical)
        return same.get(stored, canonical)

    def task(t: core.Task) -> core.Task:
        return replace(
            t,
            units=tuple(replace(u, canonical=to(u.name, u.canonical)) for u in t.units),
            reports=tuple(replace(r, canonical=to(r.unit, r.canonical)) for r in t.reports),
            earlier_reports=tuple(
                replace(r, canonical=to(r.unit, r.canonical)) for r in t.earlier_reports
            ),
        )

    sections = tuple(replace(s, tasks=tuple(task(t) for t in s.tasks)) for s in plan.sections)
    return replace(plan, sections=sections)
