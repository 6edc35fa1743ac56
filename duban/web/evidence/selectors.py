"""Reads of evidence, always through the gate (access.restrict)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from duban.core.evidence import EvidenceItem
from duban.web.access import restrict
from duban.web.evidence.models import Attachment
from duban.web.plans.models import REPORTED_STATES, Period, Report


def visible(user) -> QuerySet[Attachment]:
    return restrict(Attachment.objects.all(), user, "view")


def report_files(report: Report, user) -> list[Attachment]:
    """The report's files as it stands (and those joining its next version), for its pages."""
    return list(visible(user).filter(report=report, removed_in_version__isnull=True))


def files_by_report(report_ids: Iterable[int], user) -> dict[int, list[Attachment]]:
    """Each report's current files, in one query."""
    found: dict[int, list[Attachment]] = defaultdict(list)
    rows = visible(user).filter(report_id__in=list(report_ids), removed_in_version__isnull=True)
    for a in rows:
        found[a.report_id].append(a)
    return found


def page_files(period_id: int, task_id: int, *, user) -> dict[int, list[Attachment]]:
    """The current files of every report of a period or of a task, in one query: all a task's
    page or a unit's page of one period shows."""
    found: dict[int, list[Attachment]] = defaultdict(list)
    rows = visible(user).filter(
        Q(report__period_id=period_id) | Q(report__task_id=task_id),
        removed_in_version__isnull=True,
    )
    for a in rows:
        found[a.report_id].append(a)
    return found


def version_files(report: Report, user) -> dict[int, list[Attachment]]:
    """Version number → the files that version had (version history)."""
    rows = list(visible(user).filter(report=report))
    numbers = list(report.versions.values_list("number", flat=True))
    return {n: [a for a in rows if a.in_version(n)] for n in numbers}


def export_items(period: Period, unit_id: int | None = None) -> tuple[EvidenceItem, ...]:
    """What the period's documents list: the files of each reported (submitted or accepted)
    report as its current version has them. Documents are for the office and leaders."""
    rows = Attachment.objects.filter(
        Q(removed_in_version__isnull=True) | Q(removed_in_version__gt=F("report__version")),
        report__period=period,
        report__state__in=REPORTED_STATES,
        since_version__lte=F("report__version"),
        report__task__retired_at__isnull=True,
    ).select_related("report__task", "report__unit")
    if unit_id is not None:
        rows = rows.filter(report__unit_id=unit_id)
    return tuple(
        EvidenceItem(a.report.task.seq, a.report.unit.name if a.report.unit else "", a.name, a.size)
        for a in rows.order_by("report__task__seq", "report__unit__name", "pk")
    )
