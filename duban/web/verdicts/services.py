"""The office's decisions on verdicts: each one audited, none overwritten."""

from __future__ import annotations

from django.db import transaction

from duban.core.judgement.tolerances import Tolerances
from duban.web.audit.services import audit_record, snapshot
from duban.web.orgs.models import Organization
from duban.web.plans.models import Period, Task
from duban.web.verdicts.models import VERDICT_CHOICES, LightSetting, VerdictOverride


class VerdictError(ValueError):
    """The office's input cannot be taken; the message says why, in Chinese."""


def override_set(
    task: Task, period: Period, *, verdict: str, reason: str, automatic: str, actor
) -> VerdictOverride:
    """Record the office's verdict (or, with verdict "", withdraw it) with its reason."""
    reason = reason.strip()
    if verdict and verdict not in dict(VERDICT_CHOICES):
        raise VerdictError("认定结果无效")
    if not reason:
        raise VerdictError("请填写认定原因")
    if task.plan_id != period.plan_id:
        raise VerdictError("任务与期次不属于同一计划")
    with transaction.atomic():
        row = VerdictOverride.objects.create(
            task=task,
            period=period,
            verdict=verdict,
            reason=reason,
            automatic=automatic,
            author=actor,
        )
        audit_record(
            "verdict_override" if verdict else "verdict_override_withdrawn",
            row,
            actor=actor,
            after=snapshot(row),
            organization_id=period.plan.organization_id,
        )
    return row


def thresholds_set(
    organization: Organization, *, yellow_below: float, red_below: float, actor
) -> LightSetting:
    if not 0 <= yellow_below <= red_below <= 100:
        raise VerdictError("须满足 0 ≤ 黄灯阈值 ≤ 红灯阈值 ≤ 100")
    with transaction.atomic():
        row, _ = LightSetting.objects.select_for_update().get_or_create(organization=organization)
        before = snapshot(row)
        row.yellow_below, row.red_below, row.updated_by = yellow_below, red_below, actor
        row.save()
        audit_record("light_thresholds", row, actor=actor, before=before, after=snapshot(row))
    return row


def tolerances_set(
    organization: Organization, *, about_points: float, about_amount_percent: float, actor
) -> LightSetting:
    """The office's tolerances for 左右 targets; the judgement reads them from the next page on."""
    try:
        Tolerances(about_points, about_amount_percent / 100)
    except ValueError as exc:
        raise VerdictError(
            "须满足 0 ≤ 增速、比率容差 ≤ 5 个百分点，50% ≤ 总量达到应完成量的比例 ≤ 100%"
        ) from exc
    with transaction.atomic():
        row, _ = LightSetting.objects.select_for_update().get_or_create(organization=organization)
        before = snapshot(row)
        row.about_points, row.about_amount_percent = about_points, about_amount_percent
        row.updated_by = actor
        row.save()
        audit_record("judgement_tolerances", row, actor=actor, before=before, after=snapshot(row))
    return row
