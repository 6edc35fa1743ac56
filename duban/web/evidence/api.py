"""The API's evidence metadata: a report's files (never their bytes, which the pages serve
after the same gate)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from duban.web.access import get_or_deny
from duban.web.api.params import Id, answers
from duban.web.evidence.selectors import visible
from duban.web.plans.models import Report

router = Router(tags=["佐证材料"])


class EvidenceOut(Schema):
    id: int
    report_id: int
    name: str
    kind: str = Field(description="image, pdf, docx or xlsx (found from the file's bytes)")
    content_type: str
    size: int = Field(description="bytes")
    sha256: str
    since_version: int = Field(description="the first version of the report holding the file")
    removed_in_version: int | None = Field(description="the first version without it")
    uploaded_at: dt.datetime
    url: str = Field(description="the file, for a session of someone who may read it")
    thumbnail_url: str | None = Field(description="images only")


@router.get("/reports/{report_id}/evidence", response=answers(list[EvidenceOut]))
def report_evidence(request, report_id: Id):
    """A report's evidence (佐证材料), removed files included (they stay in earlier versions).
    The office, the report's own unit and the leaders the office named see them; anyone else
    who may read the report gets an empty list."""
    report = get_or_deny(Report.objects.all(), request.user, pk=report_id)
    return [
        {
            "id": a.pk,
            "report_id": a.report_id,
            "name": a.name,
            "kind": a.kind,
            "content_type": a.content_type,
            "size": a.size,
            "sha256": a.sha256,
            "since_version": a.since_version,
            "removed_in_version": a.removed_in_version,
            "uploaded_at": a.uploaded_at,
            "url": reverse("evidence_file", args=[a.pk]),
            "thumbnail_url": reverse("evidence_thumbnail", args=[a.pk])
            if a.thumbnail_key
            else None,
        }
        for a in visible(request.user).filter(report=report).order_by("pk")
    ]
