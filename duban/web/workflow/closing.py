"""办结销号: the lead unit applies to close a task, the office approves with a grade or returns
it (docs/workflow.md, "Closing"). Each step is one transaction with its audit event; nothing
is deleted. The readers: which tasks are closed in a period (the period judgement reads it),
which tasks rounds leave out, and the grade's points in the unit assessment."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from duban.web.audit.services import audit_record
from duban.web.plans.models import Period, Plan, Report, Responsibility, Task
from duban.web.workflow.models import Closing

GRADES = dict(Closing.Grade.choices)
# Points a closing's grade adds to the lead unit's assessment in the period it closes in; the
# office overrides them in DUBAN_ASSESSMENT under the same keys.
GRADE_POINTS = {
    "closed_excellent": 5,
    "closed_good": 2,
    "closed_pass": 0,
    "closed_fail": -5,
}
GRADE_REASONS = {f"closed_{g}": f"办结评定：{label}" for g, label in GRADES.items()}


class ClosingRefused(ValueError):
    """The step cannot be taken; the message is the sentence the page shows, with its status
    (400 bad input, 409 the task's state forbids it)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _org(task: Task) -> int:
    return task.plan.organization_id


def closing_apply(report: Report, statement: str, *, actor) -> Closing:
    """The report's unit, lead of its task, applies to close the task with the report's evidence."""
    statement = statement.strip()
    if not statement:
        raise ClosingRefused("请填写办结说明。")
    task = report.task
    leads = Responsibility.objects.filter(task=task, role=Responsibility.Role.LEAD)
    if report.unit_id is None or not leads.filter(unit_id=report.unit_id).exists():
        raise ClosingRefused("只有牵头单位可以申请办结。")
    if Closing.objects.filter(task=task, state=Closing.State.APPROVED).exists():
        raise ClosingRefused("该任务已办结。", 409)
    if Closing.objects.filter(task=task, state=Closing.State.PENDING).exists():
        raise ClosingRefused("该任务已有待审核的办结申请。", 409)
    try:
        with transaction.atomic():
            closing = Closing.objects.create(
                task=task, unit_id=report.unit_id, report=report, statement=statement,
                applied_by=actor,
            )  # fmt: skip
            audit_record(
                "closing_apply",
                closing,
                actor=actor,
                after={"task": task.pk, "unit": report.unit_id, "report": report.pk},
                organization_id=_org(task),
            )
    except IntegrityError:  # a second application posted at the same moment
        raise ClosingRefused("该任务已有待审核的办结申请。", 409) from None
    return closing


def closing_decide(closing: Closing, *, approve: bool, grade: str, comment: str, actor) -> Closing:
    """The office approves (with a grade) or returns (with a comment) a pending application."""
    comment = comment.strip()
    if closing.state != Closing.State.PENDING:
        raise ClosingRefused("该办结申请已审核。", 409)
    if approve and grade not in GRADES:
        raise ClosingRefused("批准办结须评定等次（优秀、良好、合格或不合格）。")
    if not approve and not comment:
        raise ClosingRefused("退回办结申请须填写意见。")
    with transaction.atomic():
        locked = Closing.objects.select_for_update().get(pk=closing.pk)
        if locked.state != Closing.State.PENDING:
            raise ClosingRefused("该办结申请已审核。", 409)
        locked.state = Closing.State.APPROVED if approve else Closing.State.RETURNED
        locked.grade = grade if approve else ""
        locked.comment = comment
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save()
        audit_record(
            "closing_approve" if approve else "closing_return",
            locked,
            actor=actor,
            before={"state": Closing.State.PENDING},
            after={"state": locked.state, "grade": locked.grade, "comment": comment},
            organization_id=_org(closing.task),
        )
    return locked


@dataclass(frozen=True)
class Closed:
    task_id: int
    grade: str
    at: object  # datetime of the approval
    period_id: int  # the period it was closed in

    @property
    def grade_label(self) -> str:
        return GRADES.get(self.grade, self.grade)


def closed_in(period: Period) -> dict[int, Closed]:
    """Tasks of the period's plan closed in this period or before: 已办结 in every round (of
    any kind) ending no earlier than the period of the report the application was filed with;
    the rounds before it keep the history as it was judged."""
    rows = Closing.objects.filter(
        task__plan_id=period.plan_id,
        state=Closing.State.APPROVED,
        report__period__end_month__lte=period.end_month,
    ).values_list("task_id", "grade", "decided_at", "report__period_id")
    return {tid: Closed(tid, g, at, pid) for tid, g, at, pid in rows}


def open_tasks(plan: Plan) -> QuerySet[Task]:
    """The tasks a new round asks about: in force and not closed."""
    return plan.tasks.in_force().exclude(closings__state=Closing.State.APPROVED)


def grade_points(period: Period) -> list[tuple[int, str, int, int]]:
    """(lead unit id, kind, task seq, report id) of each closing approved in this period: its
    grade counts once, in the period it closes in."""
    rows = Closing.objects.filter(report__period=period, state=Closing.State.APPROVED)
    return [
        (unit_id, f"closed_{grade}", seq, report_id)
        for unit_id, grade, seq, report_id in rows.values_list(
            "unit_id", "grade", "task__seq", "report_id"
        )
    ]


def history(task: Task) -> QuerySet[Closing]:
    return task.closings.select_related("unit", "applied_by", "decided_by", "report__period")
