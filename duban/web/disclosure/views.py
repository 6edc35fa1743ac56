"""The office's 公开审查 of one task: mark it, or one of its reports, 不宜公开 with a reason; lift
a mark; and the 保密审查 of a period before it is published: what will become public.
Thin: the gate (access.py, action "publish": the office), a service or a selector, the page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.web.access import actor_of, get_or_deny
from duban.web.disclosure import review, selectors, services
from duban.web.disclosure.models import Withholding
from duban.web.plans.models import Period, Report, Task
from duban.web.plans.views import deny_anonymous


def task_disclosure(request: HttpRequest, task_id: int) -> HttpResponse:
    tasks = Task.objects.select_related("plan__organization", "section")
    try:
        task = get_or_deny(tasks, request.user, "publish", pk=task_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    if request.method == "POST":
        try:
            _act(request, task)
        except services.DisclosureError as exc:
            messages.error(request, str(exc))
        return redirect("task_disclosure", task.pk)
    marks = selectors.task_marks(task)
    open_marks = {(m.task_id, m.report_id): m for m in marks if m.in_force}
    reports = [
        (r, open_marks.get((None, r.pk)))
        for r in task.reports.exclude(text="")
        .select_related("period", "unit")
        .order_by("-period__year", "-period__end_month", "unit__name")
    ]
    ctx = {
        "task": task,
        "plan": task.plan,
        "task_mark": open_marks.get((task.pk, None)),
        "reports": reports,
        "history": marks,
        "actor": actor_of(request.user),
    }
    return render(request, "disclosure/task.html", ctx)


def _act(request: HttpRequest, task: Task) -> None:
    reason = request.POST.get("reason", "")
    action = request.POST.get("action")
    if action == "withhold_task":
        services.withhold(task, reason=reason, actor=request.user)
        messages.success(request, f"第 {task.seq} 项已标记为不宜公开。")
    elif action == "withhold_report":
        report = get_or_deny(
            Report.objects.filter(task=task), request.user, "publish", pk=_id(request)
        )
        services.withhold(report, reason=reason, actor=request.user)
        messages.success(request, "这条进展已标记为不宜公开。")
    elif action == "lift":
        mark = (
            Withholding.objects.filter(pk=_id(request)).filter(task=task).first()
            or Withholding.objects.filter(pk=_id(request), report__task=task).first()
        )
        if mark is None:
            raise Http404
        services.withholding_lift(mark, reason=reason, actor=request.user)
        messages.success(request, "已撤销不宜公开标记。")
    else:
        raise services.DisclosureError("没有这种操作。")


def _id(request: HttpRequest) -> int:
    raw = request.POST.get("id", "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10:
        raise Http404
    return int(raw)


def period_disclosure(request: HttpRequest, period_id: int) -> HttpResponse:
    """保密审查: exactly what publishing the period makes public, and what stays out (a GET; a
    POST reads the same). The publish confirmation links here and this page back to it."""
    periods = Period.objects.select_related("plan__organization")
    try:
        period = get_or_deny(periods, request.user, "publish", pk=period_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    ctx = {
        "period": period,
        "plan": period.plan,
        "review": review.period_review(period),
        "actor": actor_of(request.user),
    }
    return render(request, "disclosure/period.html", ctx)
