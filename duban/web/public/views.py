"""Public pages: anyone may read a published period; anything else is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from duban.web.dashboard import charts
from duban.web.dashboard.selectors import plan_dashboard
from duban.web.dashboard.verdicts import LABELS
from duban.web.jobs.exports import EXPORTS, export_request
from duban.web.jobs.views import served_or_followed
from duban.web.params import query_int
from duban.web.public import selectors


def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"periods": selectors.published_periods()})


def _period(period_id: int):
    period = selectors.published_period(period_id)
    if period is None:
        raise Http404
    return period


def public_period(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(period_id)
    verdict = request.GET.get("verdict") if request.GET.get("verdict") in LABELS else None
    section = query_int(request.GET, "section")
    dash = plan_dashboard(period.plan, period, selectors.ANONYMOUS)
    dash.public = True
    ctx = {
        "period": period,
        "plan": period.plan,
        "tasks": selectors.period_tasks(period, verdict=verdict, section=section),
        "dash": dash,
        "charts": {
            "verdicts": charts.verdict_chart(dash),
            "sections": charts.section_chart(dash),
        },
        "labels": LABELS,
        "verdict_label": LABELS.get(verdict or "", ""),
        "filtered": bool(verdict or section is not None),
        "downloads": EXPORTS["public_table"].formats,
    }
    return render(request, "public/period.html", ctx)


def public_task(request: HttpRequest, period_id: int, seq: int) -> HttpResponse:
    period = _period(period_id)
    rows = selectors.period_tasks(period, seq=seq)
    if not rows:
        raise Http404
    return render(
        request, "public/task.html", {"period": period, "plan": period.plan, "row": rows[0]}
    )


def public_download(request: HttpRequest, period_id: int, fmt: str) -> HttpResponseBase:
    """The published table (accepted reports only), made in the background like every export."""
    period = _period(period_id)
    return served_or_followed(export_request(period, "public_table", fmt))
