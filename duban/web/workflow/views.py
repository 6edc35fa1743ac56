"""签收: a unit's reporter acknowledges a task from its report slot."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from duban.web.access import get_or_deny
from duban.web.plans.models import Report
from duban.web.plans.views import deny_anonymous
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
