"""A district starts or stops sharing its published periods with its parent; each writes its
audit event."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from duban.web.audit.services import audit_record
from duban.web.cityview.models import ParentSharing
from duban.web.orgs.models import Organization


class SharingError(Exception):
    """A change of sharing that cannot be made; the message is one Chinese sentence."""


def sharing_start(organization: Organization, *, actor) -> ParentSharing:
    if organization.parent_id is None:
        raise SharingError("本机构没有上级机构，无需共享。")
    try:
        with transaction.atomic():
            row = ParentSharing.objects.create(organization=organization, started_by=actor)
            audit_record(
                "parent_sharing_start",
                organization,
                actor=actor,
                after={"parent": organization.parent_id},
                organization_id=organization.pk,
            )
    except IntegrityError as exc:  # already shared (a second click, another tab)
        raise SharingError("已经在向上级共享。") from exc
    return row


def sharing_stop(organization: Organization, *, actor) -> ParentSharing:
    with transaction.atomic():
        row = (
            ParentSharing.objects.select_for_update()
            .filter(organization=organization, ended_at__isnull=True)
            .first()
        )
        if row is None:
            raise SharingError("目前没有向上级共享。")
        row.ended_at, row.ended_by = timezone.now(), actor
        row.save(update_fields=["ended_at", "ended_by"])
        audit_record(
            "parent_sharing_stop",
            organization,
            actor=actor,
            before={"parent": organization.parent_id},
            organization_id=organization.pk,
        )
    return row
