"""延期 requests: a unit files one on a task it is named for; each step of the chain decides."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from duban.web.access import actor_of, get_or_deny, may_approve
from duban.web.changes.models import ChangeRequest
from duban.web.changes.services import ChangeError, extension_request, request_decide
from duban.web.orgs.models import Unit
from duban.web.plans.models import Task
from duban.web.plans.views import deny_anonymous


def _refused(request: HttpRequest, task: Task, exc: ChangeError) -> HttpResponse:
    return render(
        request, "changes/refused.html", {"task": task, "reason": str(exc)}, status=exc.status
    )


@require_POST
def request_file(request: HttpRequest, task_id: int) -> HttpResponse:
    try:
        task = get_or_deny(
            Task.objects.select_related("plan"), request.user, "request_change", pk=task_id
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    unit = Unit.objects.get(pk=actor_of(request.user).unit_id or 0)
    try:
        try:
            new_date = dt.date.fromisoformat(request.POST.get("new_date", "").strip())
        except ValueError:
            new_date = None
        extension_request(
            task, unit, new_date=new_date, reason=request.POST.get("reason", ""), actor=request.user
        )
    except ChangeError as exc:
        return _refused(request, task, exc)
    messages.success(request, f"已提交第{task.seq}项任务的延期申请。")
    return redirect("task", task_id=task.pk)


@require_POST
def request_decide_view(request: HttpRequest, task_id: int) -> HttpResponse:
    try:
        task = get_or_deny(Task.objects.select_related("plan"), request.user, pk=task_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    org = task.plan.organization_id
    raw = request.POST.get("request", "")
    req = (
        ChangeRequest.objects.filter(task=task, pk=int(raw)).first()
        if raw.isdigit() and len(raw) < 10
        else None
    )
    if req is None:
        if not may_approve(request.user, "office", 0, org):
            raise PermissionDenied
        return _refused(request, task, ChangeError("没有找到要审批的申请。"))
    if not any(may_approve(request.user, str(s), req.unit_id, org) for s in req.chain):
        raise PermissionDenied
    step = req.current_step
    if step is not None and not may_approve(request.user, step, req.unit_id, org):
        raise PermissionDenied  # another step's turn
    try:
        request_decide(
            req,
            request.POST.get("decision", ""),
            request.POST.get("comment", ""),
            actor=request.user,
        )
    except ChangeError as exc:
        return _refused(request, task, exc)
    messages.success(request, f"已审批第{task.seq}项任务的申请：{req.get_state_display()}。")
    return redirect("task", task_id=task.pk)
