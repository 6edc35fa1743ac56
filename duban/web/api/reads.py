"""Reads: organizations, units, plans, sections, tasks (with units and verdicts), periods.
Every query goes through access.restrict or get_or_deny as the token's user."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from ninja import Query, Router, Schema

from duban.web.access import actor_of, get_or_deny, restrict
from duban.web.api import out
from duban.web.api.params import Id, Paging, answers, filtered, id_filter, paged
from duban.web.api.schemas import (
    OrganizationOut,
    OrganizationPage,
    PeriodOut,
    PeriodPage,
    PlanOut,
    PlanPage,
    SectionOut,
    SectionPage,
    TaskOut,
    TaskPage,
    UnitOut,
    UnitPage,
)
from duban.web.dashboard.verdicts import PeriodJudgement, period_judgement
from duban.web.orgs.models import Organization, Unit
from duban.web.plans import selectors
from duban.web.plans.models import Period, Plan, Responsibility, Section, Task

router = Router()


class OrganizationFilter(Paging):
    pass


@router.get("/organizations", response=answers(OrganizationPage), tags=["目录"])
def organizations(request, filters: Query[OrganizationFilter]):
    rows = restrict(Organization.objects.order_by("name", "pk"), request.user)
    return paged(rows, filters, lambda page: map(out.organization, page))


@router.get("/organizations/{organization_id}", response=answers(OrganizationOut), tags=["目录"])
def organization(request, organization_id: Id):
    return out.organization(
        get_or_deny(Organization.objects.all(), request.user, pk=organization_id)
    )


class UnitFilter(Paging):
    organization: int | None = id_filter("organization id")
    kind: Unit.Kind | None = None


def _units(user) -> QuerySet[Unit]:
    return restrict(Unit.objects.prefetch_related("members"), user)


@router.get("/units", response=answers(UnitPage), tags=["目录"])
def units(request, filters: Query[UnitFilter]):
    rows = _units(request.user).order_by("organization_id", "kind", "name", "pk")
    rows = filtered(rows, filters, organization="organization_id", kind="kind")
    return paged(rows, filters, lambda page: map(out.unit, page))


@router.get("/units/{unit_id}", response=answers(UnitOut), tags=["目录"])
def unit(request, unit_id: Id):
    return out.unit(get_or_deny(_units(request.user), request.user, pk=unit_id))


class PlanFilter(Paging):
    organization: int | None = id_filter("organization id")
    year: int | None = id_filter("年度")


@router.get("/plans", response=answers(PlanPage), tags=["任务"])
def plans(request, filters: Query[PlanFilter]):
    rows = restrict(Plan.objects.select_related("organization"), request.user).order_by(
        "-year", "organization__name", "pk"
    )
    rows = filtered(rows, filters, organization="organization_id", year="year")
    return paged(rows, filters, lambda page: map(out.plan, page))


@router.get("/plans/{plan_id}", response=answers(PlanOut), tags=["任务"])
def plan(request, plan_id: Id):
    return out.plan(
        get_or_deny(Plan.objects.select_related("organization"), request.user, pk=plan_id)
    )


class SectionFilter(Paging):
    plan: int | None = id_filter("plan id")


def _sections(user: Any) -> QuerySet[out.SectionWithCount]:
    return restrict(Section.objects.annotate(task_count=Count("tasks")), user)


@router.get("/sections", response=answers(SectionPage), tags=["任务"])
def sections(request, filters: Query[SectionFilter]):
    rows = filtered(_sections(request.user).order_by("plan_id", "number"), filters, plan="plan_id")
    return paged(rows, filters, lambda page: map(out.section, page))


@router.get("/sections/{section_id}", response=answers(SectionOut), tags=["任务"])
def section(request, section_id: Id):
    return out.section(get_or_deny(_sections(request.user), request.user, pk=section_id))


class TaskFilter(Paging):
    plan: int | None = id_filter("plan id")
    section: int | None = id_filter("section id")
    unit: int | None = id_filter(
        "tasks this unit answers for (named, through a group, or reporting)"
    )
    period: int | None = id_filter(
        "add each task's verdict for this period (and keep its plan's tasks)"
    )


class TaskParams(Schema):
    period: int | None = id_filter("add the task's verdict for this period")


def _tasks(queryset: QuerySet[Task], user) -> QuerySet[Task]:
    responsibilities = Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.select_related("unit").order_by("position"),
    )
    return restrict(queryset, user).prefetch_related(responsibilities)


def _judgement(period_id: int | None, user) -> PeriodJudgement | None:
    """Verdicts of a period the user may read, from the one place verdicts come from."""
    if period_id is None:
        return None
    found = get_or_deny(Period.objects.select_related("plan"), user, pk=period_id)
    return period_judgement(found.plan, found)


@router.get("/tasks", response=answers(TaskPage), tags=["任务"])
def tasks(request, filters: Query[TaskFilter]):
    user = request.user
    base: QuerySet[Task] = Task.objects.all()
    if filters.unit:
        base = selectors.unit_tasks(get_or_deny(Unit.objects.all(), user, pk=filters.unit), user)
    rows = _tasks(base, user).order_by("plan_id", "seq")
    judgement = _judgement(filters.period, user)
    if judgement is not None:
        rows = rows.filter(plan_id=judgement.period.plan_id)
    rows = filtered(rows, filters, plan="plan_id", section="section_id")
    actor = actor_of(user)
    return paged(rows, filters, lambda page: (out.task(t, judgement, actor) for t in page))


@router.get("/tasks/{task_id}", response=answers(TaskOut), tags=["任务"])
def task(request, task_id: Id, params: Query[TaskParams]):
    user = request.user
    found = get_or_deny(_tasks(Task.objects.all(), user), user, pk=task_id)
    judgement = _judgement(params.period, user)
    if judgement is not None and judgement.period.plan_id != found.plan_id:
        judgement = None
    return out.task(found, judgement, actor_of(user))


class PeriodFilter(Paging):
    plan: int | None = id_filter("plan id")
    state: Period.State | None = None


@router.get("/periods", response=answers(PeriodPage), tags=["报送期"])
def periods(request, filters: Query[PeriodFilter]):
    rows = restrict(Period.objects.all(), request.user).order_by("plan_id", "end_month", "kind")
    rows = filtered(rows, filters, plan="plan_id", state="state")
    return paged(rows, filters, lambda page: map(out.period, page))


@router.get("/periods/{period_id}", response=answers(PeriodOut), tags=["报送期"])
def period(request, period_id: Id):
    return out.period(get_or_deny(Period.objects.all(), request.user, pk=period_id))
