"""Reads for the public page, always as an anonymous visitor: published periods, accepted
reports, verdicts and explanations; never drafts, internal notes, flags or other periods."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from django.contrib.auth.models import AnonymousUser

from duban.web.access import restrict
from duban.web.dashboard.verdicts import TaskVerdict, period_judgement
from duban.web.disclosure.selectors import period_withheld
from duban.web.plans.models import Period, Report, Responsibility, Task

ANONYMOUS = AnonymousUser()


def published_periods() -> list[Period]:
    return list(
        restrict(Period.objects.select_related("plan__organization"), ANONYMOUS).order_by(
            "plan__organization__name", "-year", "-end_month"
        )
    )


def published_period(period_id: int) -> Period | None:
    return (
        restrict(Period.objects.select_related("plan__organization"), ANONYMOUS)
        .filter(pk=period_id)
        .first()
    )


@dataclass
class PublicTask:
    task: Task
    verdict: TaskVerdict | None
    responsibilities: list[Responsibility]
    reports: list[Report]


def period_tasks(
    period: Period,
    *,
    verdict: str | None = None,
    section: int | None = None,
    seq: int | None = None,
) -> list[PublicTask]:
    tasks = restrict(period.plan.tasks.in_force().select_related("section"), ANONYMOUS).order_by(
        "seq"
    )
    if section:
        tasks = tasks.filter(section_id=section)
    if seq is not None:
        tasks = tasks.filter(seq=seq)
    ids = [t.pk for t in tasks]
    resp: dict[int, list[Responsibility]] = defaultdict(list)
    for responsibility in (
        Responsibility.objects.filter(task_id__in=ids).select_related("unit").order_by("position")
    ):
        resp[responsibility.task_id].append(responsibility)
    reports: dict[int, list[Report]] = defaultdict(list)
    for r in (
        restrict(Report.objects.filter(period=period, task_id__in=ids), ANONYMOUS)
        .exclude(text="")
        .select_related("unit")
        .only("task_id", "text", "unit__name", "period_id", "state")  # never internal notes
        .order_by("id")
    ):
        reports[r.task_id].append(r)
    judged = period_judgement(period.plan, period).tasks
    # A verdict's explanation may quote a report the office marked 不宜公开: the public gets the
    # verdict of such a task without it.
    quiet = set(
        Report.objects.filter(pk__in=period_withheld(period).report_ids).values_list(
            "task_id", flat=True
        )
    )
    out = []
    for t in tasks:
        v = judged.get(t.pk)
        if v is not None and t.pk in quiet:
            v = replace(v, explanation="", indicators=())
        if verdict and (v is None or v.verdict != verdict):
            continue
        out.append(PublicTask(t, v, resp[t.pk], reports[t.pk]))
    return out
