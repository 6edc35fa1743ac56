"""The guarded steps of a round: closing and publishing ask for confirmation and show what they
leave behind; a publication can be withdrawn (撤回发布) with a reason; a unit can withdraw (撤回)
its submission until the office has reviewed it. A refused step answers its page again with the
reason in place (409) and nothing written."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from duban.web.access import Action, actor_of, can, get_or_deny, restrict
from duban.web.plans.models import Period, Report
from duban.web.plans.views import deny_anonymous
from duban.web.rounds import selectors, services

REFUSED = 409  # allowed past the gate, the step refused by the period's or report's state
WAITING_LISTED = 50  # the unreviewed reports a confirmation names (the count says how many)


def period_for(request: HttpRequest, period_id: int, action: Action) -> Period:
    return get_or_deny(
        Period.objects.select_related("plan__organization"), request.user, action, pk=period_id
    )


def _confirm(
    request: HttpRequest, period: Period, template: str, error: str = "", status: int = 200
) -> HttpResponse:
    ctx = {
        "plan": period.plan,
        "period": period,
        "actor": actor_of(request.user),
        "counts": selectors.round_counts(period),
        "waiting": period.reports.filter(state=Report.State.SUBMITTED)
        .select_related("task", "unit")
        .order_by("task__seq", "unit__name")[:WAITING_LISTED],
        "error": error,
    }
    return render(request, template, ctx, status=status)


def round_close(request: HttpRequest, period_id: int) -> HttpResponse:
    """GET (or a POST without `confirm`): the counts the closing leaves (waiting review, never
    filed); POST with `confirm`: close."""
    period = period_for(request, period_id, "close")
    if request.method != "POST" or not request.POST.get("confirm"):
        return _confirm(request, period, "rounds/confirm_close.html")
    try:
        services.round_close(period, actor=request.user)
    except services.RoundError as exc:
        return _confirm(request, period, "rounds/confirm_close.html", str(exc), REFUSED)
    messages.success(request, f"{period} 已结束，进展已冻结。")
    return redirect("round", period_id=period.pk)


def period_publish(request: HttpRequest, period_id: int) -> HttpResponse:
    """GET (or a POST without `confirm`): what will be public and what is still unreviewed;
    POST with `confirm`: publish (an open round is refused in place)."""
    period = period_for(request, period_id, "publish")
    if request.method != "POST" or not request.POST.get("confirm"):
        still_open = services.OPEN_NOT_PUBLISHED if period.state == Period.State.OPEN else ""
        return _confirm(request, period, "rounds/confirm_publish.html", still_open)
    try:
        services.period_publish(period, actor=request.user)
    except services.RoundError as exc:
        return _confirm(request, period, "rounds/confirm_publish.html", str(exc), REFUSED)
    messages.success(request, f"{period} 已公开。")
    return redirect(f"/plans/{period.plan_id}/?period={period.pk}")


def period_unpublish(request: HttpRequest, period_id: int) -> HttpResponse:
    """撤回发布: a form asking why; POST with a reason takes the period off the public pages."""
    period = period_for(request, period_id, "publish")
    if request.method != "POST":
        return _confirm(request, period, "rounds/unpublish.html")
    try:
        services.period_unpublish(period, reason=request.POST.get("reason", ""), actor=request.user)
    except services.RoundError as exc:
        status = 400 if period.state == Period.State.PUBLISHED else REFUSED
        return _confirm(request, period, "rounds/unpublish.html", str(exc), status)
    messages.success(request, f"已撤回{period}的公开发布。")
    return redirect(f"/plans/{period.plan_id}/?period={period.pk}")


def own_report(request: HttpRequest, report_id: int) -> Report | None:
    """The report if it is the requesting unit reporter's own (any state), else None."""
    actor = actor_of(request.user)
    if actor.role != "unit" or actor.unit_id is None:
        return None
    return (
        restrict(Report.objects.select_related("task__plan", "period", "unit"), request.user)
        .filter(pk=report_id, unit_id=actor.unit_id)
        .first()
    )


def submitted_page(
    request: HttpRequest, report: Report, error: str = "", status: int = 200
) -> HttpResponse:
    """The unit's report once it can no longer be edited: its text, and the withdraw button
    while the office has not reviewed it."""
    ctx = {
        "plan": report.task.plan,
        "actor": actor_of(request.user),
        "report": report,
        "error": error,
        "can_withdraw": report.state == Report.State.SUBMITTED
        and report.period.state == Period.State.OPEN
        and can(request.user, "withdraw", report),
    }
    return render(request, "rounds/submitted.html", ctx, status=status)


@require_POST
def report_withdraw(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report = get_or_deny(
            Report.objects.select_related("task__plan__organization", "period", "unit"),
            request.user,
            "withdraw",
            pk=report_id,
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    except PermissionDenied:
        own = own_report(request, report_id)
        if own is None:
            raise
        return submitted_page(request, own, "本轮填报已结束，不能再撤回", REFUSED)
    try:
        services.report_withdraw(report, actor=request.user)
    except services.RoundError as exc:
        report.refresh_from_db()
        return submitted_page(request, report, str(exc), REFUSED)
    messages.success(request, "已撤回：可修改后重新报送。")
    return redirect("report_edit", report_id=report.pk)
