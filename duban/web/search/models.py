"""The search index: one row per task target and per report, with its tokens and filter keys.

The full-text index over `tokens` is database specific (FTS5 on SQLite, a GIN expression index
on PostgreSQL) and lives in migrations; rows are written by services.search_index_*.
"""

from __future__ import annotations

from django.db import models

from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Period, Plan, Report, Section, Task


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        TASK = "task", "任务目标"
        REPORT = "report", "进展情况"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, null=True, related_name="+")
    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, null=True, related_name="search_entry"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, related_name="+")
    # The month the report's period ends; 0 for a task target (written at the start of its
    # year). Copied from the period so that "newest first" is one index, without a join.
    end_month = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    tokens = models.TextField()

    class Meta:
        verbose_name = verbose_name_plural = "检索条目"
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=models.Q(kind="task"),
                name="search_one_entry_per_task_target",
            )
        ]
        # (plan, kind): search within a plan 137 → 91 ms at 975,000 entries (`make scale`).
        # search_newest is selectors.NEWEST: a common word's newest matches are read in index
        # order and the scan stops at the cap, instead of sorting every match; search_org_newest
        # the same within one organization (and it serves (organization, year) as the old index).
        indexes = [
            models.Index(
                fields=["organization", "-year", "-end_month", "task", "id"],
                name="search_org_newest",
            ),
            models.Index(fields=["plan", "kind"], name="search_plan_kind"),
            models.Index(fields=["-year", "-end_month", "task", "id"], name="search_newest"),
        ]


class Synonym(models.Model):
    """A group of words the office treats as one in search (棚改 = 棚户区改造): a query word of
    the group finds texts with any of them. An organization without any uses the starter list
    (synonyms.STARTER)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="synonyms"
    )
    words = models.CharField("同义词", max_length=300)  # space-separated, two or more

    class Meta:
        verbose_name = verbose_name_plural = "检索同义词"
        ordering = ["organization_id", "pk"]
