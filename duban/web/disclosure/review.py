"""保密审查: before a period is published, what will become public, read from the gate itself.

The gate's public rule (access.py) is asked about the period as if it were published — inside
a transaction that is rolled back — so the page shows exactly what anonymous visitors, public
search, the public documents and the API for callers with no role will read, and what they will
not: tasks and reports marked 不宜公开 (with the reason), and reports not accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from duban.web.access import restrict
from duban.web.disclosure.models import Withholding
from duban.web.plans.models import Period, Report, Task


@dataclass(frozen=True)
class TaskLine:
    task: Task
    public: bool
    mark: Withholding | None  # the mark in force that keeps it out


@dataclass(frozen=True)
class ReportLine:
    report: Report
    public: bool
    mark: Withholding | None  # the report's own mark, or its task's
    by_task: bool  # left out because its task is marked

    @property
    def why_not(self) -> str:
        """What keeps the report out, when it is out: a mark, or its state."""
        if self.public:
            return ""
        if self.mark is not None:
            return "task" if self.by_task else "report"
        return "state"


@dataclass(frozen=True)
class Review:
    period: Period
    tasks: list[TaskLine]
    reports: list[ReportLine]

    @property
    def public_tasks(self) -> int:
        return sum(1 for t in self.tasks if t.public)

    @property
    def public_reports(self) -> int:
        return sum(1 for r in self.reports if r.public)

    @property
    def left_out(self) -> int:
        return sum(1 for t in self.tasks if not t.public) + sum(
            1 for r in self.reports if not r.public
        )


def _public_ids(period: Period) -> tuple[set[int], set[int]]:
    """Task and report ids the public reads once `period` is published, from the gate."""
    visitor = AnonymousUser()
    with transaction.atomic():
        Period.objects.filter(pk=period.pk).update(state=Period.State.PUBLISHED)
        tasks = set(
            restrict(Task.objects.filter(plan_id=period.plan_id), visitor).values_list(
                "pk", flat=True
            )
        )
        reports = set(
            restrict(Report.objects.filter(period=period), visitor).values_list("pk", flat=True)
        )
        transaction.set_rollback(True)  # nothing is published here
    return tasks, reports


def period_review(period: Period) -> Review:
    public_tasks, public_reports = _public_ids(period)
    marks = Withholding.objects.filter(lifted_at__isnull=True)
    task_marks = {m.task_id: m for m in marks.filter(task__plan_id=period.plan_id)}
    report_marks = {m.report_id: m for m in marks.filter(report__period=period)}
    tasks = [
        TaskLine(t, t.pk in public_tasks, task_marks.get(t.pk))
        for t in Task.objects.filter(plan_id=period.plan_id).in_force().order_by("seq")
    ]
    reports = []
    for r in (
        Report.objects.filter(period=period)
        .exclude(text="")
        .select_related("task", "unit")
        .order_by("task__seq", "unit__name", "pk")
    ):
        own = report_marks.get(r.pk)
        mark = own or task_marks.get(r.task_id)
        reports.append(
            ReportLine(r, r.pk in public_reports, mark, own is None and mark is not None)
        )
    return Review(period, tasks, reports)
