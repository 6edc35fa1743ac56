"""Filing and deciding requests: each service owns its transaction and writes its audit event."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.web.audit.services import audit_record, snapshot
from duban.web.changes.models import (
    DEFAULT_CHAIN,
    ApprovalStep,
    ChangeRequest,
    ChangeSettings,
    LeaderScope,
    UnitApprover,
)
from duban.web.orgs.models import Unit
from duban.web.plans import seam
from duban.web.plans.models import Task


class ChangeError(Exception):
    """Input the request refuses, said in one sentence; nothing was written."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def approved_extension(task: Task) -> dt.date | None:
    found = seam.approved_extensions(task).first()
    return found["new_date"] if found else None


def current_deadline(task: Task) -> dt.date:
    """The date the task is due by now: its latest approved extension, else the end of its own
    deadline's month, else the end of the plan's year."""
    extended = approved_extension(task)
    if extended is not None:
        return extended
    year = task.due_year or task.plan.year
    month = task.due_month if task.due_month and 1 <= task.due_month <= 12 else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def chain_of(organization_id: int) -> tuple[str, ...]:
    found = ChangeSettings.objects.filter(organization_id=organization_id).first()
    return found.steps() if found is not None else DEFAULT_CHAIN


def _has_taker(req: ChangeRequest, step: str) -> bool:
    if step == "unit":
        return UnitApprover.objects.filter(unit_id=req.unit_id).exists()
    if step == "leader":
        return LeaderScope.objects.filter(unit_id=req.unit_id).exists()
    return True


def _advance(req: ChangeRequest) -> None:
    """Past the steps nobody can take (recorded so); approved once past the last."""
    while req.step < len(req.chain) and not _has_taker(req, str(req.chain[req.step])):
        ApprovalStep.objects.create(
            request=req, step=req.chain[req.step], decision=ApprovalStep.Decision.SKIPPED
        )
        req.step += 1
    if req.step >= len(req.chain):
        req.state = ChangeRequest.State.APPROVED
        req.decided_at = timezone.now()
    req.save()
    if req.state == ChangeRequest.State.APPROVED:
        from duban.web.verdicts import cache

        cache.bump([req.task.plan_id])  # the judgement reads the new deadline from now on


def extension_request(
    task: Task,
    unit: Unit,
    *,
    new_date: dt.date | None,
    reason: str,
    actor: Any,
    today: dt.date | None = None,
) -> ChangeRequest:
    """延期: the unit asks that the task be due by `new_date`, for `reason`."""
    today = today or timezone.localdate()
    reason = reason.strip()
    if new_date is None:
        raise ChangeError("请填写申请延期至的日期（如 2021-12-31）。")
    if not reason:
        raise ChangeError("请填写延期理由。")
    if new_date <= today:
        raise ChangeError(f"申请延期至的日期 {new_date:%Y-%m-%d} 不在今天之后。")
    deadline = current_deadline(task)
    if new_date <= deadline:
        raise ChangeError(
            f"申请延期至的日期 {new_date:%Y-%m-%d} 不晚于现行完成时限 {deadline:%Y-%m-%d}。"
        )
    with transaction.atomic():
        if ChangeRequest.objects.filter(
            task=task, unit=unit, state=ChangeRequest.State.PENDING
        ).exists():
            raise ChangeError("本单位对该任务已有审批中的申请，请等待审批结果。", 409)
        req = ChangeRequest.objects.create(
            task=task,
            unit=unit,
            kind=ChangeRequest.Kind.EXTEND,
            new_date=new_date,
            reason=reason,
            chain=list(chain_of(task.plan.organization_id)),
            filed_by=actor,
        )
        _advance(req)
        audit_record(
            "change_request_file",
            req,
            actor=actor,
            after=snapshot(req),
            organization_id=task.plan.organization_id,
        )
    return req


def request_decide(req: ChangeRequest, decision: str, comment: str, *, actor: Any) -> None:
    """The current step approves or returns (退回 needs a comment); returned is final."""
    comment = comment.strip()
    if decision not in (ApprovalStep.Decision.APPROVE, ApprovalStep.Decision.RETURN):
        raise ChangeError("请选择同意或退回。")
    if decision == ApprovalStep.Decision.RETURN and not comment:
        raise ChangeError("退回时请写明理由。")
    with transaction.atomic():
        locked = ChangeRequest.objects.select_for_update().get(pk=req.pk)
        if locked.state != ChangeRequest.State.PENDING:
            raise ChangeError(f"该申请{locked.get_state_display()}，不能再次审批。", 409)
        if locked.current_step != req.current_step:
            raise ChangeError("该申请已由他人审批，请刷新页面。", 409)
        before = snapshot(locked)
        ApprovalStep.objects.create(
            request=locked,
            step=locked.current_step or "",
            decision=decision,
            comment=comment,
            actor=actor,
        )
        if decision == ApprovalStep.Decision.RETURN:
            locked.state = ChangeRequest.State.RETURNED
            locked.decided_at = timezone.now()
            locked.save()
        else:
            locked.step += 1
            _advance(locked)
        audit_record(
            f"change_request_{decision}",
            locked,
            actor=actor,
            before=before,
            after={**snapshot(locked), "comment": comment},
            organization_id=locked.task.plan.organization_id,
        )
    req.refresh_from_db()
