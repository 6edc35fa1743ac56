"""An attached file (its bytes in the shared file store, under a random key), the office's
limits, and the leaders it lets read evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.web.orgs.models import Organization
from duban.web.plans.models import Report

DEFAULT_MAX_MB = 20
DEFAULT_MAX_FILES = 10


class EvidenceSettings(models.Model):
    """What the office allows per report: the largest file and how many files."""

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="evidence_settings"
    )
    max_mb = models.PositiveSmallIntegerField("单个文件上限（MB）", default=DEFAULT_MAX_MB)
    max_files = models.PositiveSmallIntegerField("每份报告文件数上限", default=DEFAULT_MAX_FILES)

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料设置"

    def __str__(self) -> str:
        return f"{self.organization} 佐证材料设置"


class EvidenceReader(models.Model):
    """A leader account the office lets read the organization's evidence (others may not)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="evidence_readers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evidence_grants"
    )
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "可查看佐证材料的领导"
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_evidence_grant")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class Attachment(models.Model):
    """One file of a report: part of every version from `since_version` until the version it was
    removed in (`removed_in_version`, None while it is part of the report). Never deleted."""

    class Kind(models.TextChoices):
        IMAGE = "image", "照片"
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    content_type = models.CharField("内容类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    key = models.CharField("存储位置", max_length=200, unique=True)
    thumbnail_key = models.CharField("缩略图存储位置", max_length=200, blank=True)
    width = models.PositiveIntegerField("宽", null=True, blank=True)
    height = models.PositiveIntegerField("高", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    since_version = models.PositiveIntegerField("自版本")
    removed_in_version = models.PositiveIntegerField("移除于版本", null=True, blank=True)
    removed_at = models.DateTimeField("移除时间", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["report", "pk"]
        indexes = [models.Index(fields=["report", "removed_in_version"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE

    def in_version(self, number: int) -> bool:
        return self.since_version <= number and (
            self.removed_in_version is None or self.removed_in_version > number
        )
