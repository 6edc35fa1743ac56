"""A job the office can follow: what, for whom, its state, progress, result or why it failed.

The queue itself is django-tasks' database backend (one DBTaskResult row per attempt); a Job is
the lasting record above it, and its `key` is the de-duplication key: one key, one job, one
effect, however often it is requested or delivered (docs/background.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Organization


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    kind = models.CharField("类型", max_length=40)
    key = models.CharField("去重键", max_length=255, unique=True)
    label = models.CharField("说明", max_length=200)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Anyone may follow a public job (the published table): it carries no private data.
    public = models.BooleanField("公开", default=False)
    params = models.JSONField("参数", default=dict, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField("已尝试次数", default=0)
    max_attempts = models.PositiveIntegerField("最多尝试次数", default=3)
    timeout = models.PositiveIntegerField("超时（秒）", default=300)
    progress = models.PositiveSmallIntegerField("进度", default=0)
    step = models.CharField("当前步骤", max_length=200, blank=True)
    error = models.TextField("失败原因", blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    task_id = models.CharField("队列任务", max_length=64, blank=True)
    worker = models.CharField("工作进程", max_length=64, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="job_org_newest"),
            models.Index(fields=["state", "started_at"], name="job_state_started"),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.get_state_display()}）"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
