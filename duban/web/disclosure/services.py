"""Marking a task or a report 不宜公开 and lifting the mark; each writes its audit event."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from duban.web.audit.services import audit_record
from duban.web.disclosure.models import Withholding
from duban.web.plans.models import Report, Task

REASON_MAX = 200


class DisclosureError(Exception):
    """A mark that cannot be set or lifted; the message is one Chinese sentence."""


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise DisclosureError("请写明理由。")
    if len(reason) > REASON_MAX:
        raise DisclosureError(f"理由请控制在 {REASON_MAX} 字以内。")
    return reason


def withhold(target: Task | Report, *, reason: str, actor) -> Withholding:
    """Keep a task (with all its reports) or one report from the public, from now on."""
    reason = _reason(reason)
    field = "task" if isinstance(target, Task) else "report"
    try:
        with transaction.atomic():
            mark = Withholding.objects.create(**{field: target}, reason=reason, created_by=actor)
            audit_record(
                f"{field}_withhold",
                target,
                actor=actor,
                after={"reason": reason},
                organization_id=_organization_id(target),
            )
    except IntegrityError as exc:  # a mark in force already (a second click, another tab)
        raise DisclosureError("已标记为不宜公开。") from exc
    return mark


def withholding_lift(mark: Withholding, *, reason: str, actor) -> Withholding:
    """The task or report may be public again (where its period is published)."""
    reason = _reason(reason)
    with transaction.atomic():
        locked = Withholding.objects.select_for_update().get(pk=mark.pk)
        if locked.lifted_at is not None:
            raise DisclosureError("这项标记已经撤销。")
        locked.lifted_at = timezone.now()
        locked.lifted_by = actor
        locked.lift_reason = reason
        locked.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        target = locked.task or locked.report
        assert target is not None  # a mark names a task or a report (its model's constraint)
        audit_record(
            f"{'task' if locked.task_id else 'report'}_withhold_lift",
            target,
            actor=actor,
            before={"reason": locked.reason},
            after={"reason": reason},
            organization_id=_organization_id(target),
        )
    return locked


def _organization_id(target: Task | Report) -> int:
    if isinstance(target, Task):
        return target.plan.organization_id
    return target.period.plan.organization_id
