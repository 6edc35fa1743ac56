"""An organization (a 市, 区, 县, 旗 or 乡镇; a deployment may hold many) and its responsible units.

The organization's settings word its pages and documents (bulletin masthead, addressees, flag
reasons); its Unit rows, with their aliases and group members, are the unit registry its
imports and rounds read (orgs/selectors.org_registry).
"""

from __future__ import annotations

from typing import cast

from django.db import models

from duban.core.units import LEVELS, Level, level_of


class Organization(models.Model):
    name = models.CharField("名称", max_length=100, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    level = models.CharField("层级", max_length=4, choices=[(v, v) for v in LEVELS], blank=True)
    office_name = models.CharField("督查机构名称", max_length=100, blank=True)
    bulletin_series = models.CharField("通报名称", max_length=100, blank=True)
    addressees = models.CharField("主送单位", max_length=300, blank=True)
    # A city over its districts (cityview/): the parent reads what a child shares, never writes.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级机构",
    )

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def core_level(self) -> Level | None:
        """The level the office set (one of LEVELS, by the field's choices), else the one the
        name states (东湖区 → 区)."""
        return cast(Level, self.level) if self.level else level_of(self.name)


class Unit(models.Model):
    """A responsible unit (责任单位) under its canonical name; groups list their members."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "部门"
        DISTRICT = "district", "区县"
        TOWN = "town", "乡镇"
        STREET = "street", "街道"
        VILLAGE = "village", "村"
        COMMUNITY = "community", "社区"
        ENTERPRISE = "enterprise", "企业"
        GROUP = "group", "单位组"
        OTHER = "other", "其他"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="units", verbose_name="机构"
    )
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aliases = models.JSONField("别名", default=list, blank=True)
    members = models.ManyToManyField(
        "self", symmetrical=False, related_name="groups", blank=True, verbose_name="成员单位"
    )
    # For a group: the kinds of unit it stands for (各镇（街） → town, street), from a units file.
    member_kinds = models.JSONField("成员类别", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["organization_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
