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
