"""签收: a unit's reporter acknowledges a task from its report slot; 办结: the lead unit applies
to close a task, the office approves with a grade or returns it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.web.access import get_or_deny
from duban.web.plans.models import Report, Task
from duban.web.plans.views import deny_anonymous
from duban.web.workflow.closing import ClosingRefused, closing_apply, closing_decide
from duban.web.workflow.models import Closing
from duban.web.workflow.services import task_acknowledge


@require_POST
def acknowledge(request: HttpRequest, report_id: int) -> HttpResponse:
    """Only the report's own unit acknowledges (the office assigns, it does not sign for)."""
    try:
        report = get_or_deny(
            Report.objects.select_related("period__plan", "task"),
            request.user,
            "acknowledge",
            pk=report_id,
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    _, made = task_acknowledge(report, actor=request.user)
    if made:
        messages.success(request, f"已签收第{report.task.seq}项任务。")
    return redirect("report_edit", report_id=report.pk)


def _refused(request: HttpRequest, message: str, back: str, status: int) -> HttpResponse:
    return render(
        request, "workflow/refused.html", {"message": message, "back": back}, status=status
    )


@require_POST
def closing_apply_view(request: HttpRequest, report_id: int) -> HttpResponse:
    """办结申请 from the lead unit's report slot, with that report's evidence."""
    queryset = Report.objects.select_related("period__plan", "task__plan")
    try:
        report = get_or_deny(queryset, request.user, "apply_closing", pk=report_id)
    except PermissionDenied:
        back = reverse("report_edit", args=[report_id])
        return _refused(request, "只有任务的牵头单位可以申请办结。", back, 403)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    back = reverse("report_edit", args=[report.pk])
    try:
        closing_apply(report, request.POST.get("statement", ""), actor=request.user)
    except ClosingRefused as exc:
        return _refused(request, str(exc), back, exc.status)
    messages.success(request, f"已提交第{report.task.seq}项任务的办结申请，待督查室审核。")
    return redirect(back)


@require_POST
def closing_decide_view(request: HttpRequest, task_id: int) -> HttpResponse:
    """The office approves the pending application with a grade, or returns it with a comment."""
    try:
        task = get_or_deny(
            Task.objects.select_related("plan"), request.user, "decide_closing", pk=task_id
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    back = reverse("task", args=[task.pk])
    pending = task.closings.filter(state=Closing.State.PENDING).first()
    if pending is None:
        return _refused(request, "该任务没有待审核的办结申请。", back, 409)
    decision = request.POST.get("decision", "")
    if decision not in ("approve", "return"):
        return _refused(request, "请选择批准办结或退回。", back, 400)
    try:
        closing_decide(
            pending,
            approve=decision == "approve",
            grade=request.POST.get("grade", ""),
            comment=request.POST.get("comment", ""),
            actor=request.user,
        )
    except ClosingRefused as exc:
        return _refused(request, str(exc), back, exc.status)
    word = "已批准办结" if decision == "approve" else "已退回办结申请"
    messages.success(request, f"第{task.seq}项任务{word}。")
    return redirect(back)
