"""签收 written in one transaction with its audit event."""

from __future__ import annotations

from django.db import transaction

from duban.web.audit.services import audit_record
from duban.web.plans.models import Report
from duban.web.workflow.models import Acknowledgement


def task_acknowledge(report: Report, *, actor) -> tuple[Acknowledgement, bool]:
    """The report's unit acknowledges the report's task; (the acknowledgement, made now)."""
    if report.unit_id is None:
        raise ValueError("a report without a unit has no one to acknowledge its task")
    with transaction.atomic():
        found, made = Acknowledgement.objects.get_or_create(
            task_id=report.task_id, unit_id=report.unit_id, defaults={"user": actor}
        )
        if made:
            audit_record(
                "task_acknowledge",
                found,
                actor=actor,
                after={"task": report.task_id, "unit": report.unit_id},
                organization_id=report.period.plan.organization_id,
            )
    return found, made
