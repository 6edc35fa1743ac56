"""A district shares its published periods' detail with its parent (a city over its districts).

Sharing is the district's own choice (its office's setting); it runs from `started_at` until
`ended_at`, and its rows are the history, never deleted. The permission gate (access.py) reads
the sharing in force through `sharing_districts`: the city's office and leaders then read the
district's published periods, never write anything of it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet

from duban.web.orgs.models import Organization


class ParentSharing(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="parent_sharings", verbose_name="机构"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField("开始共享", auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField("停止共享", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "向上级共享"
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(ended_at__isnull=True),
                name="parent_sharing_one_open_per_organization",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} 向上级共享"


def sharing_districts(parent_id: int | None) -> QuerySet[Organization, int]:
    """The children of `parent_id` that share with it now (ids, as a subquery)."""
    in_force = ParentSharing.objects.filter(organization=OuterRef("pk"), ended_at__isnull=True)
    return Organization.objects.filter(Exists(in_force), parent_id=parent_id).values_list(
        "pk", flat=True
    )


def shares_with_parent(organization: Organization) -> bool:
    return ParentSharing.objects.filter(organization=organization, ended_at__isnull=True).exists()
