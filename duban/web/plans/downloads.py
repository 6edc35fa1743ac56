"""Downloads of a period's official documents for the office and leaders: the table (DOCX,
XLSX, PDF), the 督查通报 (DOCX, PDF) and one unit's report. Each is made by a background job
(duban/web/jobs/exports.py): the file when it is ready, else the job's page to wait on."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from duban.web.access import actor_of, get_or_deny
from duban.web.jobs.exports import export_request
from duban.web.jobs.views import served_or_followed
from duban.web.orgs.models import Unit
from duban.web.plans.models import Period


def _period_for_staff(request: HttpRequest, period_id: int) -> Period:
    """The period, for the office and leaders only: documents carry drafts and verdicts."""
    period = get_or_deny(
        Period.objects.select_related("plan__organization"), request.user, pk=period_id
    )
    if not actor_of(request.user).sees_internal_notes:
        raise PermissionDenied
    return period


def _download(what: str, fmt: str) -> Callable[[HttpRequest, int], HttpResponseBase]:
    @require_GET
    def view(request: HttpRequest, period_id: int) -> HttpResponseBase:
        period = _period_for_staff(request, period_id)
        return served_or_followed(export_request(period, what, fmt, user=request.user))

    return view


table_docx = _download("table", "docx")
table_xlsx = _download("table", "xlsx")
table_pdf = _download("table", "pdf")
bulletin_docx = _download("bulletin", "docx")
bulletin_pdf = _download("bulletin", "pdf")


@require_GET
def unit_report_docx(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponseBase:
    period = _period_for_staff(request, period_id)
    unit = get_or_deny(Unit.objects.all(), request.user, pk=unit_id)
    job = export_request(period, "unit_report", "docx", unit=unit, user=request.user)
    return served_or_followed(job)
