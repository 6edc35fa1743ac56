"""Requests with approval: a unit asks for more time (延期) on a task it is named for; the request
goes up the chain its organization sets, each step approve or return with a comment. Nothing is
deleted: a returned request stays, the unit files a new one (docs/workflow.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Task

# The steps a chain is made of: the unit's approver (分管负责人), the office, a 分管领导.
STEPS = ("unit", "office", "leader")
DEFAULT_CHAIN = ("office",)


class ChangeSettings(models.Model):
    """The organization's approval chain, steps in order, comma-separated (default: office)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="change_settings"
    )
    chain = models.CharField("审批链", max_length=40, default="office")

    class Meta:
        verbose_name = verbose_name_plural = "申请审批设置"

    def steps(self) -> tuple[str, ...]:
        found = tuple(s.strip() for s in self.chain.split(",") if s.strip() in STEPS)
        return found or DEFAULT_CHAIN


class UnitApprover(models.Model):
    """A unit account that approves its own unit's requests (分管负责人)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="approvers")

    class Meta:
        verbose_name = verbose_name_plural = "单位审批人"
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_unit_approver")]


class LeaderScope(models.Model):
    """A leader account that is 分管领导 of a unit: it takes the leader step of its requests."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="leader_scopes")

    class Meta:
        verbose_name = verbose_name_plural = "分管领导范围"
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_leader_scope")]


class ChangeRequest(models.Model):
    class Kind(models.TextChoices):
        EXTEND = "extend", "延期"

    class State(models.TextChoices):
        PENDING = "pending", "审批中"
        APPROVED = "approved", "已批准"
        RETURNED = "returned", "已退回"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="change_requests")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="change_requests")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.EXTEND)
    new_date = models.DateField("申请延期至", null=True, blank=True)
    reason = models.TextField("理由")
    chain = models.JSONField("审批链", default=list)  # the steps as set when it was filed
    step = models.PositiveSmallIntegerField("当前步骤", default=0)  # index into chain
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.PENDING)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    filed_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "变更申请"
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.unit} 申请{self.get_kind_display()} 第{self.task.seq}项"

    @property
    def current_step(self) -> str | None:
        if self.state != self.State.PENDING or self.step >= len(self.chain):
            return None
        return str(self.chain[self.step])


class ApprovalStep(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", "同意"
        RETURN = "return", "退回"
        SKIPPED = "skipped", "无审批人，跳过"

    request = models.ForeignKey(ChangeRequest, on_delete=models.PROTECT, related_name="steps")
    step = models.CharField("步骤", max_length=8)
    decision = models.CharField("意见", max_length=8, choices=Decision.choices)
    comment = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审批记录"
        ordering = ["at", "id"]
