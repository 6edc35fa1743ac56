"""Reads for the pages: every query goes through access.restrict and a bounded number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When

from duban.web.access import actor_of, restrict
from duban.web.orgs.models import Unit
from duban.web.plans.models import (
    Period,
    Plan,
    Report,
    ReportVersion,
    Responsibility,
    Section,
    Task,
)


def current_plan(user) -> Plan | None:
    """The newest plan the user may read (anonymous: the newest with a published period); its
    own organization's first (a city also reads the plans its districts share, cityview/)."""
    own = Case(When(organization_id=actor_of(user).organization_id, then=0), default=1)
    return (
        restrict(Plan.objects.select_related("organization"), user)
        .order_by(own, "-year", "-pk")
        .first()
    )


def visible_periods(plan: Plan, user) -> list[Period]:
    return list(restrict(plan.periods.all(), user).order_by("end_month", "kind"))


def choose_period(periods: list[Period], wanted: int | None) -> Period | None:
    """The period asked for in ?period= (params.query_int), else the latest one."""
    if wanted is not None:
        for p in periods:
            if p.pk == wanted:
                return p
    return periods[-1] if periods else None


def _responsibilities() -> Prefetch:
    return Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.select_related("unit").order_by("position"),
    )


@dataclass
class SectionView:
    section: Section
    tasks: list[Task]
    reported: int = 0


@dataclass
class Overview:
    plan: Plan
    period: Period | None
    sections: list[SectionView]
    report_counts: dict[int, int] = field(default_factory=dict)

    @property
    def task_count(self) -> int:
        return sum(len(s.tasks) for s in self.sections)


def plan_overview(plan: Plan, user, period: Period | None) -> Overview:
    tasks = (
        restrict(plan.tasks.in_force(), user).prefetch_related(_responsibilities()).order_by("seq")
    )
    by_section: dict[int, list[Task]] = defaultdict(list)
    for t in tasks:
        by_section[t.section_id].append(t)
    counts: dict[int, int] = {}
    if period is not None:
        counts = dict(
            restrict(Report.objects.filter(period=period), user)
            .exclude(text="")
            .values_list("task_id")
            .annotate(n=Count("id"))
        )
    sections = [
        SectionView(s, by_section[s.pk], sum(1 for t in by_section[s.pk] if counts.get(t.pk)))
        for s in restrict(plan.sections.all(), user).order_by("number")
    ]
    return Overview(plan, period, sections, counts)


@dataclass
class TaskView:
    task: Task
    responsibilities: list[Responsibility]
    period: Period | None
    current: list[Report]
    earlier: list[tuple[Period, list[Report]]]


def task_detail(task: Task, user, periods: list[Period], period: Period | None) -> TaskView:
    responsibilities = list(task.responsibilities.select_related("unit").order_by("position"))
    reports = (
        restrict(Report.objects.filter(task=task, period__in=periods), user)
        .select_related("unit", "author")
        .order_by("id")
    )
    by_period: dict[int, list[Report]] = defaultdict(list)
    for r in reports:
        by_period[r.period_id].append(r)
    order: dict[int | None, int] = {r.unit_id: r.position for r in responsibilities}
    for rows in by_period.values():
        rows.sort(key=lambda r: (order.get(r.unit_id, 1000), r.pk))
    earlier = [
        (p, by_period[p.pk])
        for p in reversed(periods)
        if period is not None and p.end_month < period.end_month and by_period[p.pk]
    ]
    current = by_period[period.pk] if period else []
    return TaskView(task, responsibilities, period, current, earlier)


@dataclass
class UnitView:
    unit: Unit
    led: list[Task]
    other: list[Task]
    reports: dict[int, Report]


def unit_tasks(unit: Unit, user) -> QuerySet[Task]:
    """Tasks the unit answers for: named on the task, through a group, or by reporting on it."""
    groups = list(unit.groups.values_list("pk", flat=True))
    return restrict(
        Task.objects.filter(
            Q(responsibilities__unit=unit)
            | Q(responsibilities__unit__in=groups)
            | Q(reports__unit=unit)
        ).distinct(),
        user,
    )


def unit_detail(unit: Unit, user, plan: Plan, period: Period | None) -> UnitView:
    tasks = list(
        unit_tasks(unit, user)
        .filter(plan=plan)
        .prefetch_related(_responsibilities())
        .order_by("seq")
    )
    leads = set(
        Responsibility.objects.filter(
            unit=unit, role=Responsibility.Role.LEAD, task__plan=plan
        ).values_list("task_id", flat=True)
    )
    reports = {}
    if period is not None:
        reports = {
            r.task_id: r
            for r in restrict(Report.objects.filter(unit=unit, period=period), user).select_related(
                "unit"
            )
        }
    return UnitView(
        unit,
        [t for t in tasks if t.pk in leads],
        [t for t in tasks if t.pk not in leads],
        reports,
    )


def plan_units(plan: Plan, user) -> QuerySet[Unit]:
    return restrict(
        Unit.objects.filter(organization=plan.organization).exclude(kind=Unit.Kind.GROUP), user
    ).order_by("kind", "name")


def user_unit(user) -> int | None:
    return actor_of(user).unit_id


def report_versions(report: Report, user) -> list[ReportVersion]:
    return list(restrict(report.versions.select_related("author"), user).order_by("-number"))
