"""Pages of the plan. Views parse, authorise (access.py), call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.web.access import actor_of, can, get_or_deny
from duban.web.orgs.models import Unit
from duban.web.params import BadParameter, query_int
from duban.web.plans import selectors
from duban.web.plans.models import Period, Plan, Report, Task


def _context(request: HttpRequest, plan: Plan, **extra) -> dict:
    periods = selectors.visible_periods(plan, request.user)
    period = selectors.choose_period(periods, query_int(request.GET, "period"))
    actor = actor_of(request.user)
    return {"plan": plan, "periods": periods, "period": period, "actor": actor, **extra}


def deny_anonymous(request: HttpRequest, exc: Http404) -> HttpResponse:
    if actor_of(request.user).role == "anonymous" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise exc


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a query parameter the page cannot read, said in one sentence (Django's own reasons
    for a 400, such as a wrong Host header, stay in the log)."""
    reason = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def _verdicts(plan: Plan, period: Period | None, actor) -> dict:
    """Each task's verdict for the period, from the one place verdicts come from, for members of
    the organization (the judgement reads submitted and accepted reports only, so no verdict
    reveals a draft; the flags stay with the office and leaders, in the templates)."""
    if period is None or not actor.is_member:
        return {}
    from duban.web.dashboard.verdicts import period_judgement

    return period_judgement(plan, period).tasks


def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    try:
        plan = get_or_deny(Plan.objects.select_related("organization"), request.user, pk=plan_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    ctx = _context(request, plan)
    ctx["overview"] = selectors.plan_overview(plan, request.user, ctx["period"])
    ctx["verdicts"] = _verdicts(plan, ctx["period"], ctx["actor"])
    ctx["can_publish"] = (
        ctx["period"] is not None
        and ctx["period"].state == Period.State.CLOSED
        and can(request.user, "publish", ctx["period"])
    )
    ctx["can_open_round"] = can(request.user, "open_round", plan)
    ctx["can_oversee"] = ctx["period"] is not None and can(request.user, "oversee", ctx["period"])
    ctx["can_judge"] = can(request.user, "judge", plan.organization)
    ctx["units"] = selectors.plan_units(plan, request.user) if ctx["actor"].is_member else []
    return render(request, "plans/overview.html", ctx)


def task_page(request: HttpRequest, task_id: int) -> HttpResponse:
    try:
        task = get_or_deny(
            Task.objects.select_related(
                "plan__organization", "section", "carried_from__plan", "carried_to__plan"
            ),
            request.user,
            pk=task_id,
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    ctx = _context(request, task.plan)
    ctx["view"] = selectors.task_detail(task, request.user, ctx["periods"], ctx["period"])
    verdicts = _verdicts(task.plan, ctx["period"], ctx["actor"])
    ctx["verdict"] = verdicts.get(task.pk) if verdicts else None
    ctx["quotes"] = ctx["verdict"].quotes if ctx["verdict"] else ()
    ctx["can_disclose"] = can(request.user, "publish", task)
    if ctx["verdict"] is not None and can(request.user, "judge", task):
        from duban.web.verdicts.models import VERDICT_CHOICES
        from duban.web.verdicts.selectors import override_history

        ctx["can_judge"] = True
        ctx["verdict_choices"] = VERDICT_CHOICES
        ctx["override_history"] = override_history(task, ctx["period"])
    return render(request, "plans/task.html", ctx)


def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    try:
        unit = get_or_deny(Unit.objects.select_related("organization"), request.user, pk=unit_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    plan = selectors.current_plan(request.user)
    if plan is None or plan.organization_id != unit.organization_id:
        raise Http404
    ctx = _context(request, plan)
    ctx["view"] = selectors.unit_detail(unit, request.user, plan, ctx["period"])
    ctx["is_own_unit"] = ctx["actor"].unit_id == unit.pk
    ctx["verdicts"] = _verdicts(plan, ctx["period"], ctx["actor"])
    return render(request, "plans/unit.html", ctx)


def report_page(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report = get_or_deny(
            Report.objects.select_related("task__plan__organization", "period", "unit", "author"),
            request.user,
            pk=report_id,
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    versions = selectors.report_versions(report, request.user)
    ctx = _context(
        request,
        report.task.plan,
        report=report,
        versions=versions,
        can_edit=can(request.user, "change", report),
    )
    return render(request, "plans/report.html", ctx)


def plan_year_end(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office's year end: carry unfinished tasks into next year, archive the year."""
    from duban.web.plans import yearend

    try:
        plan = get_or_deny(
            Plan.objects.select_related("organization"), request.user, "publish", pk=plan_id
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "archive":
                yearend.plan_archive(plan, actor=request.user)
                messages.success(request, f"{plan.year} 年已归档：只读，仍可检索。")
                return redirect("plan", plan.pk)
            ids = [i for i in request.POST.getlist("task") if i.isascii() and i.isdigit()]
            chosen = list(plan.tasks.in_force().filter(pk__in=ids[:1000]))
            following = yearend.plan_carry_over(plan, chosen, actor=request.user)
            messages.success(request, f"已将 {len(chosen)} 项任务结转到 {following.year} 年。")
        except yearend.YearEndError as exc:
            messages.error(request, str(exc))
        return redirect("plan_year_end", plan.pk)
    ctx = {
        "plan": plan,
        "actor": actor_of(request.user),
        "unfinished": yearend.unfinished_tasks(plan),
        "period": yearend.last_period(plan),
    }
    return render(request, "plans/year_end.html", ctx)
