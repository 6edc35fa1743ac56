"""Dashboard pages: parse, authorise (access.py), call the selectors, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from duban.web.access import Action, actor_of, get_or_deny
from duban.web.dashboard import assessment as scoring
from duban.web.dashboard import charts, selectors
from duban.web.dashboard.verdicts import LABELS
from duban.web.params import query_int
from duban.web.plans import selectors as plan_selectors
from duban.web.plans.models import Plan

REFRESH_SECONDS = 300  # the wall display reloads itself this often


def _plan_and_period(request: HttpRequest, plan_id: int, action: Action = "view"):
    """The plan through the gate for `action`, then the period asked for: parameters are read
    only once the gate has let the request through."""
    actor = actor_of(request.user)
    if not actor.is_member:
        raise Http404  # the public sees published periods on the public page, not here
    plan = get_or_deny(
        Plan.objects.select_related("organization"), request.user, action, pk=plan_id
    )
    periods = plan_selectors.visible_periods(plan, request.user)
    period = plan_selectors.choose_period(periods, query_int(request.GET, "period"))
    if period is None:
        raise Http404
    return actor, plan, periods, period


def dashboard_page(request: HttpRequest, plan_id: int, screen: bool = False) -> HttpResponse:
    actor, plan, periods, period = _plan_and_period(request, plan_id)
    dash = selectors.plan_dashboard(plan, period, request.user)
    ctx = {
        "actor": actor,
        "plan": plan,
        "periods": periods,
        "period": period,
        "dash": dash,
        "charts": charts.all_charts(dash, dark=screen),
        "labels": LABELS,
        "screen": screen,
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "dashboard/screen.html" if screen else "dashboard/dashboard.html", ctx)


def screen_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    return dashboard_page(request, plan_id, screen=True)


def tasks_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor, plan, periods, period = _plan_and_period(request, plan_id)
    verdict = request.GET.get("verdict") if request.GET.get("verdict") in LABELS else None
    rows = selectors.task_list(
        plan,
        period,
        request.user,
        verdict=verdict,
        section=query_int(request.GET, "section"),
        unit=query_int(request.GET, "unit"),
    )
    ctx = {
        "actor": actor,
        "plan": plan,
        "periods": periods,
        "period": period,
        "rows": rows,
        "verdict": verdict,
        "verdict_label": LABELS.get(verdict or "", ""),
    }
    return render(request, "dashboard/tasks.html", ctx)


def _assessment(request: HttpRequest, plan_id: int):
    # The assessment ranks units: the office and leaders oversee it (access.py).
    actor, plan, periods, period = _plan_and_period(request, plan_id, "oversee")
    return actor, plan, periods, period, scoring.assessment(plan, period, periods)


def assessment_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor, plan, periods, period, scores = _assessment(request, plan_id)
    ctx = {
        "actor": actor,
        "plan": plan,
        "periods": periods,
        "period": period,
        "scores": scores,
        "rules": scoring.rules(),
    }
    return render(request, "dashboard/assessment.html", ctx)


def assessment_export(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    _, plan, _, period, scores = _assessment(request, plan_id)
    name = f"assessment-{plan.year}-{period.end_month:02d}"
    if fmt == "csv":
        response = HttpResponse(scoring.to_csv(scores), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            scoring.to_xlsx(scores),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
