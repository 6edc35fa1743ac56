"""Downloads of a period's official documents for the office and leaders: the table (DOCX,
XLSX, PDF), the 督查通报 (DOCX, PDF) and one unit's report, rendered by duban/core/render."""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from duban.core.errors import DubanError
from duban.web.access import actor_of, get_or_deny
from duban.web.orgs.models import Unit
from duban.web.plans import seam
from duban.web.plans.models import Period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _period_for_staff(request: HttpRequest, period_id: int) -> Period:
    """The period, for the office and leaders only: documents carry drafts and verdicts."""
    period = get_or_deny(
        Period.objects.select_related("plan__organization"), request.user, pk=period_id
    )
    if not actor_of(request.user).sees_internal_notes:
        raise PermissionDenied
    return period


def _attachment(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    # RFC 5987: a Chinese file name, with an ASCII fallback for old clients.
    response["Content-Disposition"] = (
        f"attachment; filename=\"duban.{fmt}\"; filename*=UTF-8''{quote(name + '.' + fmt)}"
    )
    return response


def _render(render, fmt: str, name: str) -> HttpResponse:
    try:
        return _attachment(render(), fmt, name)
    except DubanError as exc:  # e.g. LibreOffice missing or too slow: say so, no traceback
        return HttpResponse(
            f"无法生成文件：{exc}", status=503, content_type="text/plain; charset=utf-8"
        )


def _table(fmt: str):
    @require_GET
    def view(request: HttpRequest, period_id: int) -> HttpResponse:
        from duban.core.render.export import export_table

        period = _period_for_staff(request, period_id)
        plan = seam.to_core(period.plan, period)
        return _render(lambda: export_table(plan, fmt), fmt, f"{period}落实情况表")

    return view


def _bulletin(fmt: str):
    @require_GET
    def view(request: HttpRequest, period_id: int) -> HttpResponse:
        from duban.core.render.export import export_bulletin

        period = _period_for_staff(request, period_id)
        plan = seam.to_core(period.plan, period)
        office = f"{period.plan.organization.name}人民政府督查室"
        return _render(lambda: export_bulletin(plan, fmt, office=office), fmt, f"{period}督查通报")

    return view


table_docx = _table("docx")
table_xlsx = _table("xlsx")
table_pdf = _table("pdf")
bulletin_docx = _bulletin("docx")


@require_GET
def unit_report_docx(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    from duban.core.render.export import export_bulletin

    period = _period_for_staff(request, period_id)
    unit = get_or_deny(Unit.objects.all(), request.user, pk=unit_id)
    plan = seam.to_core(period.plan, period)
    return _render(
        lambda: export_bulletin(plan, "docx", unit=unit.name),
        "docx",
        f"{period}{unit.name}落实情况",
    )
