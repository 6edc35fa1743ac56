"""Persistence of the plan and its progress reports; the core model is mapped in seam.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Organization, Unit


class Plan(models.Model):
    """One organization's 《政府工作报告》 targets for one year."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="plans", verbose_name="机构"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    source = models.CharField("来源文件", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # 归档: the year is closed; its data is read-only (access.py) and still searchable.
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度任务"
        ordering = ["organization_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="plan_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年 {self.title}"


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="sections")
    number = models.PositiveIntegerField("序号")
    title = models.CharField("标题", max_length=200)
    declared_count = models.PositiveIntegerField("文件所称项数", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "部分"
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="section_unique_number")
        ]

    def __str__(self) -> str:
        return self.title


class TaskQuerySet(models.QuerySet):
    def in_force(self) -> TaskQuerySet:
        """Tasks not retired by a revision of the plan (the ones rounds, tables and counts use)."""
        return self.filter(retired_at__isnull=True)


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tasks")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="tasks")
    seq = models.PositiveIntegerField("序号")
    target = models.TextField("年度任务目标")
    line = models.PositiveIntegerField("原文行号", default=0)
    deadline = models.CharField("完成时限", max_length=100, blank=True)
    ongoing = models.BooleanField("长期坚持", default=False)
    units = models.ManyToManyField(Unit, through="Responsibility", related_name="tasks")
    # The number as the document writes it when it is not simply seq (3-1, 9*, 三).
    number = models.CharField("原文序号", max_length=20, blank=True)
    due_year = models.PositiveSmallIntegerField("完成年份", null=True, blank=True)
    due_month = models.PositiveSmallIntegerField("完成月份", null=True, blank=True)
    # What the document's other columns say, as the core reads them (seam.py maps them):
    # people [{name, role}], figures [{header, role, text, value, unit, period}],
    # document_status [{header, text, period}] and sub-items [text]. A figure or status
    # carries the period it belongs to, so a later period's import adds to them.
    people = models.JSONField("责任人", default=list, blank=True)
    figures = models.JSONField("数值列", default=list, blank=True)
    document_status = models.JSONField("文件所载完成状态", default=list, blank=True)
    items = models.JSONField("子项", default=list, blank=True)
    # 已撤销: removed by a revision of the plan (PlanRevision); kept with its reports and history.
    retired_at = models.DateTimeField("撤销时间", null=True, blank=True)
    # 结转: the same task of the year before, unfinished then, so its history reads across years.
    carried_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name="上年任务",
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "任务"
        ordering = ["plan_id", "seq"]
        constraints = [
            # A retired task keeps its old number; only tasks in force are numbered uniquely.
            models.UniqueConstraint(
                fields=["plan", "seq"],
                condition=models.Q(retired_at__isnull=True),
                name="task_unique_seq",
            )
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.target[:30]}"


class Responsibility(models.Model):
    """A unit answering for a task: 牵头 (lead, the first named) or 配合 (co)."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        CO = "co", "配合"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="responsibilities")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="responsibilities")
    role = models.CharField("角色", max_length=4, choices=Role.choices)
    position = models.PositiveIntegerField("顺序", default=0)
    name_as_written = models.CharField("原文写法", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "责任分工"
        ordering = ["task_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="responsibility_unique_unit")
        ]


class Milestone(models.Model):
    """形象进度: the state a task should reach by the end of a period, fixed at the year's start."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="milestones")
    label = models.CharField("期间", max_length=50)
    end_month = models.PositiveSmallIntegerField("截止月份")
    text = models.TextField("形象进度")

    class Meta:
        verbose_name = verbose_name_plural = "形象进度"
        ordering = ["task_id", "end_month"]
        constraints = [
            models.UniqueConstraint(fields=["task", "end_month"], name="milestone_unique_month")
        ]

    def __str__(self) -> str:
        return f"{self.label}：{self.text[:30]}"


class Period(models.Model):
    """A reporting period of a plan (2021年第三季度, end month 9)."""

    class Kind(models.TextChoices):
        MONTH = "month", "月度"
        QUARTER = "quarter", "季度"
        HALF = "half", "半年"
        YEAR = "year", "全年"

    class State(models.TextChoices):
        OPEN = "open", "填报中"
        CLOSED = "closed", "已结束"
        PUBLISHED = "published", "已公开"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.QUARTER)
    label = models.CharField("名称", max_length=50)
    end_month = models.PositiveSmallIntegerField("截止月份")
    deadline = models.DateField("报送截止日期", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)

    class Meta:
        verbose_name = verbose_name_plural = "报送期"
        ordering = ["plan_id", "end_month", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "end_month"], name="period_unique_month"
            ),
            models.CheckConstraint(
                condition=models.Q(end_month__gte=1, end_month__lte=12),
                name="period_end_month_1_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.label}"


# The longest progress text (进展情况) a unit may write: a period's progress is paragraphs, not a
# file (the longest in the example is under 1,000 characters). Every save is a version, so an
# unbounded text would be stored again at each autosave. The editor, the API and the admin refuse
# a longer one; the services check it again.
REPORT_TEXT_MAX_CHARS = 20_000


class Report(models.Model):
    """One unit's progress (进展情况) on one task for one period. Never deleted; see versions."""

    class State(models.TextChoices):
        EMPTY = "empty", "未填报"
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已报送"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已通过"

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reports")
    # None when the document gives progress text without naming its unit.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", null=True, blank=True
    )
    text = models.TextField("进展情况", blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.EMPTY)
    version = models.PositiveIntegerField("版本", default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    internal_note = models.TextField("督查室内部意见", blank=True)
    # Shown to the unit with a returned report; internal_note never is.
    return_comment = models.TextField("退回意见", blank=True)
    late = models.BooleanField("逾期报送", default=False)
    same_as_previous = models.BooleanField("与上期雷同", default=False)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    # The reviewer's judgement against the period's milestone: None until judged.
    milestone_met = models.BooleanField("达到形象进度", null=True, blank=True)
    milestone_reason = models.CharField("形象进度说明", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "进展报告"
        ordering = ["period_id", "task_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "task", "unit"], name="report_unique_unit_period"
            )
        ]
        # Measured by `make scale` (900,000 reports): the unit page 33 → 21 ms and the
        # dashboard 683 → 459 ms with these (docs/PERFORMANCE.md).
        indexes = [
            models.Index(fields=["unit", "period"], name="report_unit_period"),
            models.Index(fields=["period", "state"], name="report_period_state"),
        ]

    def __str__(self) -> str:
        return f"{self.period} 第{self.task.seq}项 {self.unit or '未注明单位'}"


# A report counts as reported once submitted (and stays so when accepted): drafts, returned and
# empty slots are the unit's own business. Judgement, official tables and what other units may
# read all use this one definition.
REPORTED_STATES = (Report.State.SUBMITTED, Report.State.ACCEPTED)


class ReportVersion(models.Model):
    """Every save of a report, as it was: who, when, the text."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    text = models.TextField("进展情况", blank=True)
    state = models.CharField("状态", max_length=10, choices=Report.State.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField("来源", max_length=20, default="web")  # web, import, admin
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告版本"
        ordering = ["report_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="version_unique_number")
        ]


class PlanRevision(models.Model):
    """A revised table imported over the plan (调整): the document, what changed, who and when."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="revisions")
    source = models.CharField("文件", max_length=200)
    document_sha256 = models.CharField("文件摘要", max_length=64, blank=True)
    summary = models.CharField("变化", max_length=200)
    changes = models.JSONField("变化明细", default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "任务调整"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} 调整：{self.summary}"
