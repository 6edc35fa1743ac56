"""Progress reports: read what the pages show; a unit writes (saves, submits) its own open
slots through the same services as its editor page."""

from __future__ import annotations

from django.db.models import QuerySet
from ninja import Query, Router

from duban.web.access import actor_of, get_or_deny, restrict
from duban.web.api import out
from duban.web.api.params import Id, Paging, answers, filtered, id_filter, paged
from duban.web.api.schemas import ReportOut, ReportPage, ReportSubmit, ReportWrite
from duban.web.plans.models import Report
from duban.web.plans.services import report_save
from duban.web.rounds.services import report_submit
from duban.web.rounds.writes import report_to_write

router = Router(tags=["进展报告"])


class ReportFilter(Paging):
    period: int | None = id_filter("period id")
    task: int | None = id_filter("task id")
    unit: int | None = id_filter("unit id")
    state: Report.State | None = None


def _reports() -> QuerySet[Report]:
    return Report.objects.select_related("unit", "task")


@router.get("/reports", response=answers(ReportPage))
def reports(request, filters: Query[ReportFilter]):
    rows = restrict(_reports(), request.user).order_by("period_id", "task__seq", "pk")
    rows = filtered(
        rows, filters, period="period_id", task="task_id", unit="unit_id", state="state"
    )
    actor = actor_of(request.user)
    return paged(rows, filters, lambda page: (out.report(r, actor) for r in page))


@router.get("/reports/{report_id}", response=answers(ReportOut))
def report(request, report_id: Id):
    found = get_or_deny(_reports(), request.user, pk=report_id)
    return out.report(found, actor_of(request.user))


@router.put("/reports/{report_id}", response=answers(ReportOut, write=True))
def report_update(request, report_id: Id, body: ReportWrite):
    """Save a draft (草稿) of the unit's own report in an open period; `version` is the one the
    text was based on: a newer save answers 409 `conflict`, a report its unit can no longer
    write (submitted meanwhile, accepted, round closed) 409 `locked`; either way the text is
    kept in the audit log."""
    found = report_to_write(request.user, report_id, "change", text=body.text, version=body.version)
    saved = report_save(found, text=body.text, actor=request.user, expected_version=body.version)
    return out.report(get_or_deny(_reports(), request.user, pk=saved.pk), actor_of(request.user))


@router.post("/reports/{report_id}/submit", response=answers(ReportOut, write=True))
def report_submit_(request, report_id: Id, body: ReportSubmit):
    """Submit (报送) the unit's report; a text repeating the previous period's needs
    `confirm_same: true` (409 refused otherwise). Of concurrent submits one wins; every other
    answers 409 (`conflict` or `locked`) with its text kept in the audit log."""
    found = report_to_write(request.user, report_id, "submit", text=body.text, version=body.version)
    report_submit(
        found,
        text=body.text,
        actor=request.user,
        expected_version=body.version,
        confirm_same=body.confirm_same,
    )
    return out.report(get_or_deny(_reports(), request.user, pk=found.pk), actor_of(request.user))
