"""A personal API token: only the sha256 of its secret is stored; the secret is shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="用户",
    )
    name = models.CharField("用途", max_length=60)
    # The secret's first characters, so its owner can tell tokens apart; not enough to use one.
    prefix = models.CharField("开头", max_length=12)
    digest = models.CharField("摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"
        ordering = ["user_id", "-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
