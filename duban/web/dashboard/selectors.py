"""Reads for the dashboard: figures of a plan for a period, from verdicts.period_judgement."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Q, QuerySet

from duban.web.access import restrict
from duban.web.dashboard.verdicts import VERDICTS, PeriodJudgement, TaskVerdict, period_judgement
from duban.web.orgs.models import Unit
from duban.web.plans.models import (
    REPORTED_STATES,
    Period,
    Plan,
    Report,
    Responsibility,
    Section,
    Task,
)

GOOD = ("closed", "completed", "on_schedule")  # 已办结 is a kind of completed
BAD = ("behind", "stalled")


@dataclass
class UnitRow:
    unit: Unit
    led: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0  # tasks it was asked on and has not reported: 未报送, never "no progress"
    behind: int = 0  # led tasks judged behind or stalled
    vague: int = 0


@dataclass
class Dashboard:
    plan: Plan
    period: Period
    periods: list[Period]
    judgement: PeriodJudgement
    sections: list[Section]
    section_counts: list[tuple[Section, dict[str, int]]]
    units: list[UnitRow]
    trends: list[tuple[Period, dict[str, int]]]
    # Per section, per period: share (%) of tasks completed or on schedule.
    heat: list[tuple[Section, list[float | None]]]
    indicators: list[tuple[Task, TaskVerdict]] = field(default_factory=list)
    public: bool = False  # built for the public page: links stay on public URLs

    @property
    def counts(self) -> dict[str, int]:
        return self.judgement.counts()


def _tasks_by_section(plan: Plan) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for tid, sid in plan.tasks.in_force().values_list("pk", "section_id"):
        out[sid].add(tid)
    return out


def unit_rows(plan: Plan, period: Period, judgement: PeriodJudgement) -> list[UnitRow]:
    """One row per unit that leads a task (牵头), reported in the period or was asked and has
    not: `missing` is the unit's tasks in judgement.missing (未报送, the one rule)."""
    rows: dict[int, UnitRow] = {}
    led: dict[int, set[int]] = defaultdict(set)
    for r in (
        Responsibility.objects.filter(task__plan=plan, role=Responsibility.Role.LEAD)
        .exclude(unit__kind=Unit.Kind.GROUP)
        .select_related("unit")
    ):
        rows.setdefault(r.unit_id, UnitRow(r.unit))
        led[r.unit_id].add(r.task_id)
    reports = list(
        Report.objects.filter(period=period, unit__isnull=False, state__in=REPORTED_STATES)
        .exclude(text="")
        .values_list("unit_id", "late")
    )
    others = Unit.objects.filter(organization_id=plan.organization_id).filter(
        Q(pk__in={u for u, _ in reports}) | Q(name__in=list(judgement.missing))
    )
    for unit in others.exclude(pk__in=list(rows)):
        rows[unit.pk] = UnitRow(unit)
    for unit_id, late in reports:
        if late:
            rows[unit_id].late += 1
        else:
            rows[unit_id].on_time += 1
    for uid, row in rows.items():
        row.led = len(led[uid])
        row.missing = len(judgement.missing.get(row.unit.name, ()))
        row.behind = sum(
            1 for t in led[uid] if t in judgement.tasks and judgement.tasks[t].verdict in BAD
        )
        row.vague = sum(
            1
            for v in judgement.tasks.values()
            for f in v.flags
            if f.kind == "vague" and f.unit == row.unit.name
        )
    return sorted(rows.values(), key=lambda r: (-r.led, r.unit.name))


def _seen(judgement: PeriodJudgement, task_ids: set[int]) -> PeriodJudgement:
    """The judgement of the tasks the user may see (the public does not see those marked
    不宜公开, so they are in no count either)."""
    if task_ids.issuperset(judgement.tasks):
        return judgement
    tasks = {k: v for k, v in judgement.tasks.items() if k in task_ids}
    seqs = {v.seq for v in tasks.values()}
    missing = {u: [s for s in ss if s in seqs] for u, ss in judgement.missing.items()}
    return replace(judgement, tasks=tasks, missing={u: ss for u, ss in missing.items() if ss})


def plan_dashboard(plan: Plan, period: Period, user) -> Dashboard:
    periods = list(restrict(plan.periods.all(), user).order_by("end_month", "kind"))
    visible = set(restrict(plan.tasks.in_force(), user).values_list("pk", flat=True))
    judgements = {p.pk: _seen(period_judgement(plan, p), visible) for p in periods}
    judgement = judgements.get(period.pk) or _seen(period_judgement(plan, period), visible)
    sections = list(restrict(plan.sections.all(), user).order_by("number"))
    by_section = _tasks_by_section(plan)
    section_counts = [(s, judgement.counts(by_section[s.pk])) for s in sections]
    heat = []
    for s in sections:
        row = []
        for p in periods:
            c = judgements[p.pk].counts(by_section[s.pk])
            total = sum(c.values())
            row.append(round(100 * sum(c[v] for v in GOOD) / total, 1) if total else None)
        heat.append((s, row))
    tasks = {t.pk: t for t in plan.tasks.in_force()}
    indicators = [
        (tasks[tid], v)
        for tid, v in sorted(judgement.tasks.items(), key=lambda kv: kv[1].seq)
        if v.indicators
    ]
    return Dashboard(
        plan=plan,
        period=period,
        periods=periods,
        judgement=judgement,
        sections=sections,
        section_counts=section_counts,
        units=unit_rows(plan, period, judgement),
        trends=[(p, judgements[p.pk].counts()) for p in periods],
        heat=heat,
        indicators=indicators,
    )


def task_list(
    plan: Plan,
    period: Period,
    user,
    *,
    verdict: str | None = None,
    section: int | None = None,
    unit: int | None = None,
) -> list[tuple[Task, TaskVerdict]]:
    """The tasks behind a chart element: by verdict, section and lead unit."""
    judgement = period_judgement(plan, period)
    tasks: QuerySet[Task] = restrict(plan.tasks.in_force(), user).select_related("section")
    if section:
        tasks = tasks.filter(section_id=section)
    if unit:
        tasks = tasks.filter(
            responsibilities__unit_id=unit, responsibilities__role=Responsibility.Role.LEAD
        )
    out = []
    for t in tasks.order_by("seq"):
        v = judgement.tasks.get(t.pk)
        if v is not None and (verdict is None or v.verdict == verdict):
            out.append((t, v))
    return out


__all__ = ["VERDICTS", "Dashboard", "UnitRow", "plan_dashboard", "task_list", "unit_rows"]
