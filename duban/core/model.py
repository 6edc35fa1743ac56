"""The plan as the core sees it: frozen dataclasses, built by importers, read by everything else.

A Plan is one year's 《政府工作报告》 targets of one organization, optionally with one period's
progress reports (进展情况). Units are kept as written in the document; the canonical name
from the organization's unit registry travels beside them, and the plan carries that registry
(`Plan.units`) to judgement and rendering.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from duban.core.errors import Diagnostic
from duban.core.units import GENERAL, Level, Registry, level_of

Role = Literal["lead", "co"]
PeriodKind = Literal["month", "quarter", "half", "year"]
FigureRole = Literal["target", "actual", "share", "total"]

_MONTHLY = re.compile(r"(?:^|[^\d])(?:1[0-2]|0?[1-9])\s*月|[一二三四五六七八九十]{1,3}月")


def period_kind(label: str, end_month: int) -> PeriodKind:
    """What kind of period a label names: 第三季度/前三季度 quarter, 上半年 half, 全年/年度 year,
    1-7月/截至11月底/2024年4月 month. One plan never holds two periods of one kind ending in
    the same month."""
    s = re.sub(r"\s+", "", label)
    if "季度" in s:
        return "quarter"
    if "半年" in s:
        return "half"
    if _MONTHLY.search(s):
        return "month"
    if any(w in s for w in ("全年", "年度", "年底", "年末")) or (end_month == 12 and "月" not in s):
        return "year"
    return "month"


@dataclass(frozen=True)
class Period:
    """A reporting period: its label as written (第三季度), the month it ends (9) and its kind.

    The kind is read from the label when not given (see `period_kind`).
    """

    label: str
    end_month: int
    year: int | None = None
    kind: PeriodKind | None = None

    def __post_init__(self) -> None:
        if self.kind is None:
            object.__setattr__(self, "kind", period_kind(self.label, self.end_month))


@dataclass(frozen=True)
class UnitRef:
    """A responsible unit of a task: 牵头 (lead, the first named) or 配合 (co)."""

    name: str
    role: Role
    canonical: str | None = None


@dataclass(frozen=True)
class Report:
    """One unit's progress text (进展情况) for a task; unit is None when no header names it.

    `period` is None for the plan's own period; a report of an earlier period (a table with
    two progress columns, 1-10月 and 1-11月) names it.
    """

    unit: str | None
    text: str
    canonical: str | None = None
    line: int = 0
    # The office's word on the period's 形象进度 when it reviewed this report (None: not given).
    milestone_met: bool | None = None
    period: Period | None = None


@dataclass(frozen=True)
class Person:
    """A person a table names for a task (责任领导, 分管县领导, 责任人): never a unit.

    `role` is the header of the column that names them, as written.
    """

    name: str
    role: str


@dataclass(frozen=True)
class Figure:
    """A number the document states in a column of its own, with the header it sits under.

    目标任务（人） | 26000 → target 26000 人; 1-7月完成 | 19456 → actual, period 1-7月;
    完成目标(%) | 74.8 → share 74.8 %; 总投资（万元） | 42000 → total (the project's whole size,
    not the year's target). `unit` as the header or the cell writes it ("" when neither says);
    `text` is the cell as written; `period` the period the header states, None when it states
    none (an actual or share figure then belongs to the plan's period).
    """

    role: FigureRole
    value: float
    unit: str
    header: str
    text: str = ""
    period: Period | None = None


@dataclass(frozen=True)
class DocumentStatus:
    """The document's own word on a task, as written: 是否达序 | 否, 备注 | 达到时间进度,
    完成情况 | 达序推进. The judgement reads it beside its own verdict. `period` as for a Figure."""

    header: str
    text: str
    period: Period | None = None


@dataclass(frozen=True)
class Milestone:
    """形象进度: the state a task should reach by the end of a period, fixed at the start of a year."""

    label: str
    end_month: int
    text: str


@dataclass(frozen=True)
class Task:
    """One task of the plan. `seq` is its running number in the plan; `number` is the number as
    the document writes it when that is not simply `seq` (3-1, 9*, 三), else ""."""

    seq: int
    target: str
    units: tuple[UnitRef, ...] = ()
    reports: tuple[Report, ...] = ()
    line: int = 0
    deadline: str | None = None  # 完成时限 as written
    ongoing: bool = False  # 长期坚持, 持续推进: no deadline
    people: tuple[Person, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # unmapped columns, kept as (header, text)
    number: str = ""
    due_year: int | None = None  # the deadline understood: the year it names, when it names one
    due_month: int | None = None  # and the month it is due by (年底前 → 12)
    figures: tuple[Figure, ...] = ()  # numeric target, actual, share and total columns
    status: tuple[DocumentStatus, ...] = ()  # the document's own status columns
    items: tuple[str, ...] = ()  # sub-items under a project name ((一)…, 1.…), in order
    earlier_reports: tuple[Report, ...] = ()  # reports of the plan's earlier periods

    @property
    def lead_units(self) -> tuple[UnitRef, ...]:
        return tuple(u for u in self.units if u.role == "lead")

    @property
    def leaders(self) -> tuple[str, ...]:
        """The names of the people the task's row names, in order."""
        return tuple(p.name for p in self.people)

    @property
    def label(self) -> str:
        """The task's number as the document writes it."""
        return self.number or str(self.seq)


@dataclass(frozen=True)
class ColumnUse:
    """One column of the document's table and what duban read in it: `meaning` is one of the
    importers' column kinds (seq, target, units, progress, figure, status …) or "unknown" for a
    column nobody knows (its text is kept in Task.extra). A figure column has its `role`
    (target, actual, share, total) and `unit`; `period` is the period its header states,
    `earlier` marks a progress column of an earlier period, `in_target` a numeric target the
    task's target text states."""

    header: str
    meaning: str
    role: str = ""
    unit: str = ""
    period: str = ""
    earlier: bool = False
    in_target: bool = False

    @property
    def detail(self) -> str:
        parts = [x for x in (self.role, self.unit, self.period) if x]
        if self.earlier:
            parts.append("earlier period")
        if self.in_target:
            parts.append("said in the target")
        return ", ".join(parts)


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    declared_count: int | None
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class Plan:
    title: str
    year: int | None
    district: str | None
    period: Period | None
    sections: tuple[Section, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    source: str | None = None
    kind: Literal["progress", "decomposition"] = "progress"
    furniture: tuple[str, ...] = field(default=(), compare=False)
    earlier_periods: tuple[Period, ...] = ()  # periods of earlier progress columns, oldest first
    columns: tuple[ColumnUse, ...] = ()  # how the document's columns were read (tables only)
    # The organization's units the plan was read with (GENERAL: general knowledge only).
    units: Registry = field(default=GENERAL, compare=False, repr=False)

    @property
    def level(self) -> Level | None:
        """The organization's level (区, 县, 市 …): its registry's, else its name's."""
        return self.units.level or level_of(self.district)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for s in self.sections for t in s.tasks)

    def task(self, seq: int) -> Task:
        for t in self.tasks:
            if t.seq == seq:
                return t
        raise KeyError(seq)


# Hand-written, not pydantic (which django-ninja brings): the JSON is a published contract
# (`duban parse --json`, tests/golden) whose optional keys are left out when empty
# (earlier_periods, columns, a period's year, a report's milestone_met), whose reader fills a
# period's year from the plan, and whose model stays frozen dataclasses with no second schema
# class per type to keep in step with them.
def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The stable JSON shape of `duban parse --json` (keys may be added, never changed)."""
    out: dict[str, Any] = {
        "title": plan.title,
        "year": plan.year,
        "district": plan.district,
        "kind": plan.kind,
        "period": _period_to_dict(plan.period),
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "declared_count": s.declared_count,
                "tasks": [_task_to_dict(t) for t in s.tasks],
            }
            for s in plan.sections
        ],
        "warnings": [w.as_dict() for w in plan.warnings],
    }
    if plan.earlier_periods:
        out["earlier_periods"] = [_period_to_dict(p) for p in plan.earlier_periods]
    if plan.columns:
        out["columns"] = [dataclasses.asdict(c) for c in plan.columns]
    return out


def _period_to_dict(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    out: dict[str, Any] = {
        "label": period.label,
        "end_month": period.end_month,
        "kind": period.kind,
    }
    if period.year is not None:
        out["year"] = period.year
    return out


def _period_from_dict(data: dict[str, Any] | None, year: int | None = None) -> Period | None:
    if not data:
        return None
    return Period(data["label"], data["end_month"], data.get("year", year), data.get("kind"))


def _report_to_dict(r: Report) -> dict[str, Any]:
    out: dict[str, Any] = {"unit": r.unit, "text": r.text, "canonical": r.canonical}
    if r.milestone_met is not None:
        out["milestone_met"] = r.milestone_met
    if r.period is not None:
        out["period"] = _period_to_dict(r.period)
    return out


def _report_from_dict(r: dict[str, Any]) -> Report:
    return Report(
        r["unit"],
        r["text"],
        r.get("canonical"),
        milestone_met=r.get("milestone_met"),
        period=_period_from_dict(r.get("period")),
    )


def _task_to_dict(t: Task) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seq": t.seq,
        "target": t.target,
        "units": [{"name": u.name, "role": u.role, "canonical": u.canonical} for u in t.units],
        "reports": [_report_to_dict(r) for r in t.reports],
        "line": t.line,
    }
    if t.number:
        out["number"] = t.number
    if t.deadline is not None or t.ongoing:
        out["deadline"] = t.deadline
        out["ongoing"] = t.ongoing
    if t.due_month is not None:
        out["due"] = {"year": t.due_year, "month": t.due_month}
    if t.people:
        out["leaders"] = list(t.leaders)
        out["people"] = [{"name": p.name, "role": p.role} for p in t.people]
    if t.milestones:
        out["milestones"] = [
            {"label": m.label, "end_month": m.end_month, "text": m.text} for m in t.milestones
        ]
    if t.figures:
        out["figures"] = [_figure_to_dict(f) for f in t.figures]
    if t.status:
        out["status"] = [_status_to_dict(d) for d in t.status]
    if t.items:
        out["items"] = list(t.items)
    if t.earlier_reports:
        out["earlier_reports"] = [_report_to_dict(r) for r in t.earlier_reports]
    if t.extra:
        out["extra"] = {k: v for k, v in t.extra}
    return out


def _figure_to_dict(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"role": f.role, "value": f.value, "unit": f.unit, "header": f.header}
    if f.text:
        out["text"] = f.text
    if f.period is not None:
        out["period"] = _period_to_dict(f.period)
    return out


def _status_to_dict(d: DocumentStatus) -> dict[str, Any]:
    out: dict[str, Any] = {"header": d.header, "text": d.text}
    if d.period is not None:
        out["period"] = _period_to_dict(d.period)
    return out


def _task_from_dict(t: dict[str, Any]) -> Task:
    due = t.get("due") or {}
    people = t.get("people")
    return Task(
        seq=t["seq"],
        target=t["target"],
        units=tuple(UnitRef(u["name"], u["role"], u.get("canonical")) for u in t["units"]),
        reports=tuple(_report_from_dict(r) for r in t["reports"]),
        line=t.get("line", 0),
        deadline=t.get("deadline"),
        ongoing=t.get("ongoing", False),
        people=(
            tuple(Person(p["name"], p["role"]) for p in people)
            if people is not None
            else tuple(Person(n, "") for n in t.get("leaders", ()))
        ),
        milestones=tuple(
            Milestone(m["label"], m["end_month"], m["text"]) for m in t.get("milestones", ())
        ),
        extra=tuple((t.get("extra") or {}).items()),
        number=t.get("number", ""),
        due_year=due.get("year"),
        due_month=due.get("month"),
        figures=tuple(
            Figure(
                f["role"],
                f["value"],
                f["unit"],
                f["header"],
                f.get("text", ""),
                _period_from_dict(f.get("period")),
            )
            for f in t.get("figures", ())
        ),
        status=tuple(
            DocumentStatus(d["header"], d["text"], _period_from_dict(d.get("period")))
            for d in t.get("status", ())
        ),
        items=tuple(t.get("items", ())),
        earlier_reports=tuple(_report_from_dict(r) for r in t.get("earlier_reports", ())),
    )


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """Inverse of plan_to_dict, for fixtures and the database seam."""
    year = data.get("year")
    return Plan(
        title=data["title"],
        year=year,
        district=data.get("district"),
        kind=data.get("kind", "progress"),
        period=_period_from_dict(data.get("period"), year),
        sections=tuple(
            Section(
                number=s["number"],
                title=s["title"],
                declared_count=s.get("declared_count"),
                tasks=tuple(_task_from_dict(t) for t in s["tasks"]),
            )
            for s in data["sections"]
        ),
        warnings=tuple(
            Diagnostic(w["line"], w["message"], w.get("page"), w.get("code"), w.get("params", {}))
            for w in data["warnings"]
        ),
        earlier_periods=tuple(
            p for p in (_period_from_dict(d, year) for d in data.get("earlier_periods", ())) if p
        ),
        columns=tuple(ColumnUse(**c) for c in data.get("columns", ())),
    )
