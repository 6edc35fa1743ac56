"""Reads of the office's decisions on verdicts."""

from __future__ import annotations

from duban.core.judgement.lights import LightThresholds
from duban.core.judgement.tolerances import DEFAULT_TOLERANCES, Tolerances
from duban.web.plans.models import Period, Responsibility, Task
from duban.web.verdicts.models import LightSetting, VerdictOverride


def overrides_in_force(period: Period) -> dict[int, VerdictOverride]:
    """The newest override row of each task of the period that is not a withdrawal, by task id."""
    newest: dict[int, VerdictOverride] = {}
    for row in (
        VerdictOverride.objects.filter(period=period).select_related("author").order_by("-id")
    ):
        newest.setdefault(row.task_id, row)
    return {tid: row for tid, row in newest.items() if row.verdict}


def override_history(task: Task, period: Period) -> list[VerdictOverride]:
    return list(
        VerdictOverride.objects.filter(task=task, period=period)
        .select_related("author")
        .order_by("-id")
    )


def decisions_stamp(period: Period) -> str:
    """Changes with every decision of the office the judgement applies after its cache: a new
    override of the period (rows are only added), new light thresholds or tolerances."""
    newest = (
        VerdictOverride.objects.filter(period=period).order_by("-id").values_list("id", flat=True)
    )
    setting = LightSetting.objects.filter(organization_id=period.plan.organization_id)
    changed = setting.values_list("updated_at", flat=True).first()
    return f"{newest.first() or 0}:{changed.isoformat() if changed else '-'}"


def settings_for(organization_id: int) -> tuple[LightThresholds, Tolerances]:
    """The office's light thresholds and its tolerances for 左右 targets (one row, one query);
    the defaults of docs/judgement.md where it set none."""
    row = LightSetting.objects.filter(organization_id=organization_id).first()
    if row is None:
        return LightThresholds(), DEFAULT_TOLERANCES
    return (
        LightThresholds(row.yellow_below, row.red_below),
        Tolerances(row.about_points, row.about_amount_percent / 100),
    )


def led_tasks(plan_id: int) -> dict[int, list[int]]:
    """Task ids each unit leads (牵头) in the plan, by unit id: the tasks a unit answers for."""
    out: dict[int, list[int]] = {}
    for unit_id, task_id in Responsibility.objects.filter(
        task__plan_id=plan_id, role=Responsibility.Role.LEAD
    ).values_list("unit_id", "task_id"):
        out.setdefault(unit_id, []).append(task_id)
    return out
