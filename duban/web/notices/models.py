"""Who is told what, and how: contacts per unit (and the leaders'), the office's reminder
settings and working-day calendar, and every notice sent or tried."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Period


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    WECOM = "wecom", "企业微信群机器人"
    DINGTALK = "dingtalk", "钉钉群机器人"
    WEBHOOK = "webhook", "通用 Webhook（JSON，可接短信网关或 OA）"


class Contact(models.Model):
    """A unit's contact (or, without a unit, one of the leaders' for the weekly summary): an
    e-mail address, a group robot's key, or a webhook address. The office keeps all of them;
    a unit's reporters keep their unit's."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts", verbose_name="机构"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="单位（空：领导）",
    )
    name = models.CharField("联系人或群名称", max_length=100)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    address = models.CharField("地址、密钥或 Webhook", max_length=500)
    secret = models.CharField("加签密钥（钉钉，可选）", max_length=100, blank=True)
    active = models.BooleanField("启用", default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知联系人"
        ordering = ["organization_id", "unit_id", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_channel_display()}）"


class NoticeSettings(models.Model):
    """The office's reminder rules (催报): how many days before the deadline, on the day, daily
    while late; calendar or working days; the hour they go out; the weekly summary's day."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="notice_settings"
    )
    reminder_days = models.CharField("截止前几天提醒", max_length=50, default="3,1")
    on_deadline = models.BooleanField("截止当天提醒", default=True)
    overdue_daily = models.BooleanField("逾期后每天提醒", default=True)
    working_days = models.BooleanField("按工作日计算（使用节假日与调休安排）", default=False)
    hour = models.PositiveSmallIntegerField("发送时刻（时）", default=9)
    summary_weekday = models.PositiveSmallIntegerField(
        "每周汇总发给领导（0 为周一，7 为不发）", default=0
    )
    # Per-kind replacements of the wording in wording.toml: {"reminder": {"subject": …}}.
    wording = models.JSONField("通知措辞", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提醒设置"

    def __str__(self) -> str:
        return f"{self.organization} 提醒设置"


class CalendarDay(models.Model):
    """A day that is not what its weekday says: a public holiday (放假) or a weekend day
    worked instead (调休上班)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="calendar_days"
    )
    day = models.DateField("日期")
    working = models.BooleanField("上班", default=False)
    note = models.CharField("说明", max_length=50, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日与调休"
        ordering = ["organization_id", "day"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "day"], name="calendar_unique_day")
        ]


class Notice(models.Model):
    """One message to one recipient over one channel. Its key makes it once-only: the same
    reminder for the same unit, contact and day is one row however often it is planned."""

    class Kind(models.TextChoices):
        OPENING = "opening", "开启通知"
        REMINDER = "reminder", "截止前提醒"
        DEADLINE = "deadline", "截止当天提醒"
        OVERDUE = "overdue", "逾期催报"
        RETURNED = "returned", "退回通知"
        SUMMARY = "summary", "每周汇总"

    class State(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已送达"
        FAILED = "failed", "发送失败"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    recipient = models.CharField("收件人", max_length=100)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    address = models.CharField("地址", max_length=500)
    secret = models.CharField("加签密钥", max_length=100, blank=True)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    key = models.CharField("去重键", max_length=255, unique=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    error = models.TextField("最近一次失败原因", blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知记录"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["period", "-created_at"], name="notice_period_newest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}（{self.get_state_display()}）"
