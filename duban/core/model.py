"""The plan as the core sees it: frozen dataclasses, built by importers, read by everything else.

A Plan is one year's 《政府工作报告》 targets of one district, optionally with one period's
progress reports (进展情况). Units are kept as written in the document; the canonical name
from the unit registry travels beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from duban.core.errors import Diagnostic

Role = Literal["lead", "co"]
FigureRole = Literal["target", "actual", "share"]


@dataclass(frozen=True)
class Period:
    """A reporting period: its label as written (第三季度) and the month it ends (9)."""

    label: str
    end_month: int
    year: int | None = None


@dataclass(frozen=True)
class UnitRef:
    """A responsible unit of a task: 牵头 (lead, the first named) or 配合 (co)."""

    name: str
    role: Role
    canonical: str | None = None


@dataclass(frozen=True)
class Report:
    """One unit's progress text (进展情况) for a task; unit is None when no header names it."""

    unit: str | None
    text: str
    canonical: str | None = None
    line: int = 0
    # The office's word on the period's 形象进度 when it reviewed this report (None: not given).
    milestone_met: bool | None = None


@dataclass(frozen=True)
class Milestone:
    """形象进度: the state a task should reach by the end of a period, fixed at the start of a year."""

    label: str
    end_month: int
    text: str


@dataclass(frozen=True)
class Figure:
    """A number the document states in a column of its own, with the header it sits under:
    目标任务（人） | 26000 (target), 1-7月完成 | 19456 (actual), 完成目标(%) | 74.8 (share)."""

    role: FigureRole
    value: float
    unit: str  # as the header or the cell writes it (人, 万元, 公里, %); "" when neither says
    header: str


@dataclass(frozen=True)
class DocumentStatus:
    """The document's own word on a task, as written: 是否达序 | 否, 备注 | 达到时间进度."""

    header: str
    text: str


@dataclass(frozen=True)
class Task:
    seq: int
    target: str
    units: tuple[UnitRef, ...] = ()
    reports: tuple[Report, ...] = ()
    line: int = 0
    deadline: str | None = None
    ongoing: bool = False
    leaders: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # unmapped columns, kept as (header, text)
    figures: tuple[Figure, ...] = ()  # numeric target, actual and share columns
    status: tuple[DocumentStatus, ...] = ()  # the document's own status columns

    @property
    def lead_units(self) -> tuple[UnitRef, ...]:
        return tuple(u for u in self.units if u.role == "lead")


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

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for s in self.sections for t in s.tasks)

    def task(self, seq: int) -> Task:
        for t in self.tasks:
            if t.seq == seq:
                return t
        raise KeyError(seq)


def plan_to_dict(plan: Plan) -> dict:
    """The stable JSON shape of `duban parse --json` (keys may be added, never changed)."""
    return {
        "title": plan.title,
        "year": plan.year,
        "district": plan.district,
        "kind": plan.kind,
        "period": (
            {"label": plan.period.label, "end_month": plan.period.end_month}
            if plan.period
            else None
        ),
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


def _task_to_dict(t: Task) -> dict:
    out: dict = {
        "seq": t.seq,
        "target": t.target,
        "units": [{"name": u.name, "role": u.role, "canonical": u.canonical} for u in t.units],
        "reports": [_report_to_dict(r) for r in t.reports],
        "line": t.line,
    }
    if t.deadline is not None or t.ongoing:
        out["deadline"] = t.deadline
        out["ongoing"] = t.ongoing
    if t.leaders:
        out["leaders"] = list(t.leaders)
    if t.milestones:
        out["milestones"] = [
            {"label": m.label, "end_month": m.end_month, "text": m.text} for m in t.milestones
        ]
    if t.extra:
        out["extra"] = {k: v for k, v in t.extra}
    if t.figures:
        out["figures"] = [
            {"role": f.role, "value": f.value, "unit": f.unit, "header": f.header}
            for f in t.figures
        ]
    if t.status:
        out["status"] = [{"header": s.header, "text": s.text} for s in t.status]
    return out


def _report_to_dict(r: Report) -> dict:
    out: dict = {"unit": r.unit, "text": r.text, "canonical": r.canonical}
    if r.milestone_met is not None:
        out["milestone_met"] = r.milestone_met
    return out


def plan_from_dict(data: dict) -> Plan:
    """Inverse of plan_to_dict, for fixtures and the database seam."""
    period = data.get("period")
    return Plan(
        title=data["title"],
        year=data.get("year"),
        district=data.get("district"),
        kind=data.get("kind", "progress"),
        period=Period(period["label"], period["end_month"], data.get("year")) if period else None,
        sections=tuple(
            Section(
                number=s["number"],
                title=s["title"],
                declared_count=s.get("declared_count"),
                tasks=tuple(
                    Task(
                        seq=t["seq"],
                        target=t["target"],
                        units=tuple(
                            UnitRef(u["name"], u["role"], u.get("canonical")) for u in t["units"]
                        ),
                        reports=tuple(
                            Report(
                                r["unit"],
                                r["text"],
                                r.get("canonical"),
                                milestone_met=r.get("milestone_met"),
                            )
                            for r in t["reports"]
                        ),
                        line=t.get("line", 0),
                        deadline=t.get("deadline"),
                        ongoing=t.get("ongoing", False),
                        leaders=tuple(t.get("leaders", ())),
                        milestones=tuple(
                            Milestone(m["label"], m["end_month"], m["text"])
                            for m in t.get("milestones", ())
                        ),
                        extra=tuple((t.get("extra") or {}).items()),
                        figures=tuple(
                            Figure(f["role"], f["value"], f["unit"], f["header"])
                            for f in t.get("figures", ())
                        ),
                        status=tuple(
                            DocumentStatus(s["header"], s["text"]) for s in t.get("status", ())
                        ),
                    )
                    for t in s["tasks"]
                ),
            )
            for s in data["sections"]
        ),
        warnings=tuple(
            Diagnostic(w["line"], w["message"], w.get("page")) for w in data["warnings"]
        ),
    )
