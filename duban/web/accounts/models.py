"""A user's role in one organization; the permission gate (access.py) reads it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Organization, Unit


class Membership(models.Model):
    class Role(models.TextChoices):
        OFFICE = "office", "督查室"
        UNIT = "unit", "责任单位"
        LEADER = "leader", "领导"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="members", verbose_name="机构"
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporters",
        verbose_name="单位",
    )
    # A reporter logs in with this number (it is also the user name of imported reporters).
    phone = models.CharField("手机号", max_length=20, blank=True, default="")
    must_change_password = models.BooleanField("下次登录须改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    # The subject (sub) of the 统一身份认证 identity linked at the first single sign-on.
    sso_subject = models.CharField("统一身份认证标识", max_length=255, blank=True, default="")

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [
            # A unit reporter belongs to exactly one unit; other roles to none.
            models.CheckConstraint(
                condition=(
                    models.Q(role="unit", unit__isnull=False)
                    | (~models.Q(role="unit") & models.Q(unit__isnull=True))
                ),
                name="membership_unit_iff_unit_role",
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=~models.Q(phone=""), name="membership_unique_phone"
            ),
            models.UniqueConstraint(
                fields=["sso_subject"],
                condition=~models.Q(sso_subject=""),
                name="membership_unique_sso_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit or self.organization}"
