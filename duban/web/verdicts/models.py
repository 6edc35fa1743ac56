"""What the office decides about verdicts: its own verdict on a task (an override, kept as history)
and the thresholds of its lights. The automatic verdicts themselves are never stored: they are
computed from the reports (duban.web.dashboard.verdicts) and cached."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from duban.core.judgement.labels import VERDICT_LABELS
from duban.web.orgs.models import Organization
from duban.web.plans.models import Period, Task

# What the office may decide: every verdict but "not reported", which only the reports make.
VERDICT_CHOICES = [(k, v) for k, v in VERDICT_LABELS.items() if k not in ("not_reported", "closed")]


class VerdictOverride(models.Model):
    """The office's verdict on one task for one period, with its reason.

    Rows are only ever added: the newest row of a (task, period) is in force, and a row with an
    empty verdict withdraws the override (the automatic verdict applies again). The rows are the
    history; they survive re-imports and re-computation because the automatic verdict is never
    written over them.
    """

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="verdict_overrides")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="verdict_overrides")
    verdict = models.CharField("认定", max_length=12, choices=VERDICT_CHOICES, blank=True)
    reason = models.TextField("原因")
    # What the automatic judgement said when the office decided, for the record.
    automatic = models.CharField("自动研判", max_length=12, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="认定人"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "督查室认定"
        ordering = ["-id"]
        indexes = [models.Index(fields=["period", "task", "-id"], name="override_period_task")]

    def __str__(self) -> str:
        return f"{self.period} 第{self.task.seq}项 {self.get_verdict_display() or '撤销认定'}"

    @property
    def automatic_label(self) -> str:
        return VERDICT_LABELS.get(self.automatic, self.automatic or "—")

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("督查室认定只能新增，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("督查室认定不能删除。")


class LightSetting(models.Model):
    """An office's own light thresholds for amounts: percentage points below 序时进度 at which a
    task turns yellow, then red (e.g. yellow from 10 and red from 30, as cities publish them);
    and its tolerances for 左右 (about) targets, which the judgement reads."""

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="light_setting"
    )
    yellow_below = models.FloatField("黄灯：低于序时进度（百分点）", default=10.0)
    red_below = models.FloatField("红灯：低于序时进度（百分点）", default=30.0)
    # The judgement's tolerances for 左右/约 targets (core Tolerances; docs/judgement.md).
    about_points = models.FloatField("左右目标：增速、比率可低于目标（百分点）", default=0.5)
    about_amount_percent = models.FloatField("左右目标：总量达到应完成量的（%）", default=95.0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "亮灯标准"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(yellow_below__gte=0)
                & models.Q(red_below__gte=models.F("yellow_below"))
                & models.Q(red_below__lte=100),
                name="light_thresholds_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}：黄灯{self.yellow_below:g}、红灯{self.red_below:g}个百分点"


class JudgementStamp(models.Model):
    """A counter bumped whenever what the judgement reads besides the reports changes (tasks,
    their units, the unit names): part of the key of the cached judgements of the plan."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="judgement_stamp"
    )
    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "研判缓存标记"
