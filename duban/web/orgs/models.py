"""An organization (a district; a deployment may hold many) and its responsible units."""

from __future__ import annotations

from django.db import models


class Organization(models.Model):
    name = models.CharField("名称", max_length=100, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A responsible unit (责任单位) under its canonical name; groups list their members."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "部门"
        TOWN = "town", "镇"
        STREET = "street", "街道"
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

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["organization_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
