"""不宜公开: the office keeps a task or a report from the public, with its reason.

A mark is lifted, never deleted: its rows are the history. The permission gate (access.py) reads
the marks in force through `withheld`, so every public read — pages, search, files, the API —
leaves out what is marked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef

from duban.web.plans.models import Report, Task


class Withholding(models.Model):
    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, null=True, blank=True, related_name="withholdings"
    )
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="withholdings"
    )
    reason = models.CharField("不宜公开的理由", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("标记时间", auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField("撤销时间", null=True, blank=True)
    lift_reason = models.CharField("撤销理由", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "不宜公开标记"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(task__isnull=False, report__isnull=True)
                    | models.Q(task__isnull=True, report__isnull=False)
                ),
                name="withholding_task_xor_report",
            ),
            models.UniqueConstraint(
                fields=["task"],
                condition=models.Q(lifted_at__isnull=True, task__isnull=False),
                name="withholding_one_open_per_task",
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(lifted_at__isnull=True, report__isnull=False),
                name="withholding_one_open_per_report",
            ),
        ]

    def __str__(self) -> str:
        return f"不宜公开：{self.task or self.report}"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None


def withheld(field: str, ref: str) -> Exists:
    """A mark in force on the task or report (`field`) that `ref` of the outer query names."""
    return Exists(Withholding.objects.filter(**{field: OuterRef(ref)}, lifted_at__isnull=True))
