"""签收: a unit has acknowledged a task it is responsible for (once per task, by one of its
reporters)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Unit
from duban.web.plans.models import Task


class Acknowledgement(models.Model):
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="acknowledgements")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="acknowledgements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField("签收时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "签收"
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="one_acknowledgement")]

    def __str__(self) -> str:
        return f"{self.unit} 签收 第{self.task.seq}项"


class Closing(models.Model):
    """办结申请: the lead unit applies to close a task with a statement and the evidence of one of
    its reports; the office approves with a grade or returns it with a comment. Never deleted:
    a returned application stays, the unit files a new one."""

    class State(models.TextChoices):
        PENDING = "pending", "待审核"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已办结"

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", "优秀"
        GOOD = "good", "良好"
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="closings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="closings")
    # The report whose evidence (佐证材料) goes with the application; its period is the first
    # one in which the task, once approved, counts as 已办结.
    report = models.ForeignKey("plans.Report", on_delete=models.PROTECT, related_name="closings")
    statement = models.TextField("办结说明")
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.PENDING)
    grade = models.CharField("评定等次", max_length=9, choices=Grade.choices, blank=True)
    comment = models.TextField("审核意见", blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    applied_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办结申请"
        ordering = ["applied_at", "pk"]
        constraints = [
            # One application at a time, and a task is closed once.
            models.UniqueConstraint(
                fields=["task"],
                condition=models.Q(state__in=["pending", "approved"]),
                name="one_open_closing",
            )
        ]

    def __str__(self) -> str:
        return f"第{self.task.seq}项 办结申请（{self.get_state_display()}）"
