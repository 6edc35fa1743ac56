"""Reads of the 不宜公开 marks: what a period keeps from the public, and how an export is marked."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from duban.web.disclosure.models import Withholding
from duban.web.plans.models import Period, Report, Task

INTERNAL = "内部资料"


@dataclass(frozen=True)
class Withheld:
    """The marks in force for one period: tasks (with all their reports) and single reports."""

    task_ids: frozenset[int]
    report_ids: frozenset[int]

    @property
    def any(self) -> bool:
        return bool(self.task_ids or self.report_ids)

    def stamp(self) -> str:
        """A short text that changes whenever the marks change (for cache keys)."""
        ids = f"{sorted(self.task_ids)}{sorted(self.report_ids)}"
        return hashlib.sha256(ids.encode()).hexdigest()[:16]


def period_withheld(period: Period) -> Withheld:
    marks = Withholding.objects.filter(lifted_at__isnull=True)
    tasks = marks.filter(task__plan_id=period.plan_id).values_list("task_id", flat=True)
    reports = marks.filter(report__period=period).values_list("report_id", flat=True)
    return Withheld(frozenset(tasks), frozenset(reports))


def export_marking(
    period: Period, states=(Report.State.SUBMITTED, Report.State.ACCEPTED)
) -> str | None:
    """内部资料 when an export of the period in these report states holds anything the public
    does not see: a period not published, a report not yet accepted, or a mark 不宜公开."""
    if period.state != Period.State.PUBLISHED:
        return INTERNAL
    unaccepted = [s for s in states if s != Report.State.ACCEPTED]
    if unaccepted and period.reports.filter(state__in=unaccepted).exclude(text="").exists():
        return INTERNAL
    return INTERNAL if period_withheld(period).any else None


def task_marks(task: Task) -> list[Withholding]:
    """Every mark ever set on the task or one of its reports, newest first: the history."""
    from django.db.models import Q

    return list(
        Withholding.objects.filter(Q(task=task) | Q(report__task=task))
        .select_related("created_by", "lifted_by", "report__period", "report__unit")
        .order_by("-created_at", "-id")
    )
