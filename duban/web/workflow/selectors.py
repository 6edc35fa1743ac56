"""Who has acknowledged what."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from duban.web.plans.models import Period, Report
from duban.web.workflow.models import Acknowledgement


@dataclass(frozen=True)
class Unacknowledged:
    unit: str
    tasks: tuple[int, ...]  # task numbers (序号)


def unacknowledged(period: Period) -> list[Unacknowledged]:
    """The units with report slots in the round for tasks they have not acknowledged, by unit."""
    acknowledged = Acknowledgement.objects.filter(task=OuterRef("task"), unit=OuterRef("unit"))
    rows = (
        Report.objects.filter(period=period, unit__isnull=False, task__retired_at__isnull=True)
        .exclude(Exists(acknowledged))
        .values_list("unit__name", "task__seq")
        .order_by("unit__name", "task__seq")
    )
    found: dict[str, list[int]] = {}
    for unit, seq in rows:
        found.setdefault(unit, []).append(seq)
    return [Unacknowledged(u, tuple(seqs)) for u, seqs in found.items()]


def acknowledgement_of(report: Report) -> Acknowledgement | None:
    if report.unit_id is None:
        return None
    return Acknowledgement.objects.filter(task_id=report.task_id, unit_id=report.unit_id).first()
