"""Writes of evidence: attach a file to a report, remove it from the next version, and the
office's settings. Each owns its transaction and writes its audit event in it.

A file's bytes go to the shared file store (settings.STORAGES["default"]: a folder under var/
that no URL serves, or an S3-compatible bucket) under a random key; the row is written only
once they are stored, and the stored bytes are removed again if the row is not."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from duban.core.errors import InputError
from duban.core.evidence import EvidenceFile, identify, size_label, thumbnail
from duban.web.audit.services import audit_record
from duban.web.evidence.models import Attachment, EvidenceReader, EvidenceSettings
from duban.web.orgs.models import Organization
from duban.web.plans.models import Report


class EvidenceError(Exception):
    """A file or a setting refused: one sentence for the page."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_files: int


def limits_for(organization_id: int) -> Limits:
    """The office's limits, never above what the server takes in one request."""
    found = EvidenceSettings.objects.filter(organization_id=organization_id).first()
    max_mb = found.max_mb if found else EvidenceSettings._meta.get_field("max_mb").default
    max_files = found.max_files if found else EvidenceSettings._meta.get_field("max_files").default
    return Limits(min(max_mb * 1024 * 1024, settings.DUBAN_UPLOAD_MAX_BYTES), max_files)


def live(report: Report):
    """The report's files as it stands (removed ones left out)."""
    return Attachment.objects.filter(report=report, removed_in_version__isnull=True)


def attachment_add(report: Report, upload, *, actor) -> Attachment:
    """Check the upload by its bytes, store it (and an image's thumbnail), record it as part of
    the report's next version. EvidenceError says why a file was refused; nothing is kept."""
    name = _clean_name(getattr(upload, "name", "") or "佐证材料")
    limits = limits_for(report.period.plan.organization_id)
    size = getattr(upload, "size", None)
    if size is not None and size > limits.max_bytes:  # refused before reading it
        raise EvidenceError(
            f"“{name}”有 {size_label(size)}，超过本单位设定的上限 "
            f"{size_label(limits.max_bytes)}，未保存。"
        )
    content = upload.read(limits.max_bytes + 1)
    try:
        found = identify(content, name, max_bytes=limits.max_bytes)
        thumb = thumbnail(found.content) if found.kind == "image" else None
    except InputError as exc:
        raise EvidenceError(exc.message) from None
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if live(current).count() >= limits.max_files:
            raise EvidenceError(
                f"每份报告最多 {limits.max_files} 个佐证材料，已达上限：“{name}”未保存。"
            )
        keys = _store(current, found, thumb)
        try:
            attachment = Attachment.objects.create(
                report=current,
                name=found.name,
                kind=found.kind,
                content_type=found.content_type,
                size=len(found.content),
                sha256=hashlib.sha256(found.content).hexdigest(),
                key=keys[0],
                thumbnail_key=keys[1],
                width=found.width,
                height=found.height,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
                since_version=current.version + 1,
            )
            audit_record(
                "evidence_add",
                attachment,
                actor=actor,
                after={"report": current.pk, "name": attachment.name, "size": attachment.size},
                organization_id=current.period.plan.organization_id,
            )
        except BaseException:
            for key in keys:
                if key:
                    default_storage.delete(key)
            raise
    return attachment


def _clean_name(name: str) -> str:
    """The name as shown and offered for download: no folders, no control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '"<>')
    return name.strip()[:150] or "佐证材料"


def _store(report: Report, found: EvidenceFile, thumb: bytes | None) -> tuple[str, str]:
    folder = f"evidence/{report.period.plan.organization_id}"
    token = secrets.token_hex(16)
    key = default_storage.save(f"{folder}/{token}", ContentFile(found.content))
    if thumb is None:
        return key, ""
    try:
        thumb_key = default_storage.save(f"{folder}/{token}-thumb", ContentFile(thumb))
    except BaseException:
        default_storage.delete(key)
        raise
    return key, thumb_key


def attachment_remove(attachment: Attachment, *, actor) -> Attachment:
    """Leave the file out of the report's next version; it stays in the earlier ones."""
    with transaction.atomic():
        current = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if current.removed_in_version is not None:
            return current
        report = Report.objects.get(pk=current.report_id)
        if current.since_version > report.version:
            # Never part of a version: gone from the next one it would have joined.
            current.removed_in_version = current.since_version
        else:
            current.removed_in_version = report.version + 1
        current.removed_at = timezone.now()
        current.removed_by = actor if getattr(actor, "is_authenticated", False) else None
        current.save(update_fields=["removed_in_version", "removed_at", "removed_by"])
        audit_record(
            "evidence_remove",
            current,
            actor=actor,
            before={"report": report.pk, "name": current.name},
            organization_id=report.period.plan.organization_id,
        )
    return current


def settings_set(
    organization: Organization, *, max_mb: int, max_files: int, readers: list, actor
) -> EvidenceSettings:
    """The office's limits and the leaders who may read evidence, as one change."""
    ceiling = settings.DUBAN_UPLOAD_MAX_BYTES // (1024 * 1024)
    if not 1 <= max_mb <= ceiling:
        raise EvidenceError(f"单个文件上限应在 1 到 {ceiling} MB 之间。")
    if not 1 <= max_files <= 50:
        raise EvidenceError("每份报告文件数上限应在 1 到 50 之间。")
    with transaction.atomic():
        found, _ = EvidenceSettings.objects.select_for_update().get_or_create(
            organization=organization
        )
        before = {
            "max_mb": found.max_mb,
            "max_files": found.max_files,
            "readers": sorted(
                EvidenceReader.objects.filter(organization=organization).values_list(
                    "user_id", flat=True
                )
            ),
        }
        found.max_mb, found.max_files = max_mb, max_files
        found.save()
        wanted = {u.pk for u in readers}
        EvidenceReader.objects.filter(organization=organization).exclude(
            user_id__in=wanted
        ).delete()  # a grant withdrawn: the audit event keeps who had it
        have = set(
            EvidenceReader.objects.filter(organization=organization).values_list(
                "user_id", flat=True
            )
        )
        EvidenceReader.objects.bulk_create(
            EvidenceReader(organization=organization, user_id=pk) for pk in wanted - have
        )
        after = {"max_mb": max_mb, "max_files": max_files, "readers": sorted(wanted)}
        audit_record(
            "evidence_settings",
            found,
            actor=actor,
            before=before,
            after=after,
            organization_id=organization.pk,
        )
    return found
