"""Pages of a reporting round: the unit's editor and task list, the office's overview, review
queue, reminders and closing. Views parse, authorise (access.py), call a service, render."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.core.render.csv_table import csv_bytes
from duban.web.access import Action, actor_of, can, get_or_deny
from duban.web.params import parse_int, query_int
from duban.web.plans import selectors as plan_selectors
from duban.web.plans.models import (
    REPORT_TEXT_MAX_CHARS,
    REPORTED_STATES,
    Period,
    Plan,
    Report,
    ReportVersion,
)
from duban.web.plans.services import ReportLocked, StaleReport, report_save
from duban.web.plans.views import deny_anonymous
from duban.web.rounds import guards, queue, selectors, services
from duban.web.rounds.opening import opening_plan
from duban.web.rounds.writes import report_to_write

logger = logging.getLogger(__name__)


def _report(request: HttpRequest, report_id: int, action: Action) -> Report:
    return get_or_deny(
        Report.objects.select_related("task__plan__organization", "period", "unit"),
        request.user,
        action,
        pk=report_id,
    )


class EditorForm(forms.Form):
    text = forms.CharField(
        label="进展情况",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        strip=False,
        max_length=REPORT_TEXT_MAX_CHARS,
        error_messages={
            "max_length": f"进展情况最多 {REPORT_TEXT_MAX_CHARS} 字，现有 %(show_value)d 字"
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_same = forms.BooleanField(label="确认本期进展与上期相同", required=False)


def _to_write(request: HttpRequest, report_id: int) -> Report:
    """The report this POST may write; ReportLocked (its text kept) for its own unit when it can
    no longer be written (rounds/writes.py)."""
    return report_to_write(
        request.user,
        report_id,
        "change",
        text=request.POST.get("text", ""),
        version=parse_int(request.POST.get("version", ""), minimum=0) or 0,
    )


def _refused(request: HttpRequest, locked: ReportLocked) -> HttpResponse:
    """The writer's text back on a page, with why it was not saved (409: the report moved on)."""
    ctx = {
        "report": locked.report,
        "plan": locked.report.task.plan,
        "actor": actor_of(request.user),
        "reason": locked.reason,
        "text": request.POST.get("text", ""),
    }
    return render(request, "rounds/refused.html", ctx, status=409)


def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    """The editor: prefilled with the previous period's text, which is shown beside it."""
    try:
        report = (
            _to_write(request, report_id)
            if request.method == "POST"
            else _report(request, report_id, "change")
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    except ReportLocked as locked:
        return _refused(request, locked)
    except PermissionDenied:
        own = guards.own_report(request, report_id)  # submitted: its text, and 撤回 until reviewed
        if own is None or own.state not in REPORTED_STATES:
            raise  # a draft it may not write (a closed round, an archived year): the gate's 403
        return guards.submitted_page(request, own)
    previous = services.previous_report(report)
    initial_text = report.text or (previous.text if previous else "")
    form = EditorForm(
        request.POST or None, initial={"text": initial_text, "version": report.version}
    )
    if request.method == "POST" and form.is_valid():
        text, version = form.cleaned_data["text"], form.cleaned_data["version"]
        try:
            if "submit" in request.POST:
                services.report_submit(
                    report,
                    text=text,
                    actor=request.user,
                    expected_version=version,
                    confirm_same=form.cleaned_data["confirm_same"],
                    previous=previous,
                )
                messages.success(request, "已报送。")
                return redirect("my_tasks")
            report_save(report, text=text, actor=request.user, expected_version=version)
            messages.success(request, "草稿已保存。")
            return redirect("report", report_id=report.pk)
        except StaleReport:
            form.add_error(None, "该报告已被他人修改：您的文字仍在下方，请与最新版本核对后再保存。")
        except services.RoundError as exc:
            form.add_error(None, str(exc))
        except DatabaseError:
            logger.exception("report %s: save failed", report.pk)
            form.add_error(
                None,
                "保存失败（数据库暂时不可用）：您的文字仍在下方，上一版本未受影响，请稍后重试。",
            )
    ctx = {
        "plan": report.task.plan,
        "actor": actor_of(request.user),
        "report": report,
        "previous": previous,
        "milestone": selectors.milestone_for(report),
        "form": form,
        "needs_confirm": previous is not None
        and services.repeats_previous(form["text"].value() or "", previous.text),
    }
    return render(request, "rounds/editor.html", ctx)


@require_POST
def report_autosave(request: HttpRequest, report_id: int) -> HttpResponse:
    """HTMX: save the draft while typing; answers a status line and the new version number.
    Every answer it gives is swapped in (200); the text stays in the page whatever happens, and
    behaviours.js keeps it in the browser on any other answer or none."""
    try:
        report = _to_write(request, report_id)
    except ReportLocked as locked:
        return render(request, "rounds/_autosave.html", {"refused": locked.reason})
    form = EditorForm(request.POST)
    if not form.is_valid():
        reason = next(iter(form.errors.get("text", [])), "内容无效")
        return render(request, "rounds/_autosave.html", {"invalid": reason})
    try:
        saved = report_save(
            report,
            text=form.cleaned_data["text"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleReport:
        return render(request, "rounds/_autosave.html", {"conflict": True})
    except DatabaseError:
        logger.exception("report %s: autosave failed", report.pk)
        return render(request, "rounds/_autosave.html", {"failed": True})
    return render(request, "rounds/_autosave.html", {"report": saved})


def my_tasks(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if actor.role == "anonymous":
        return deny_anonymous(request, Http404())
    reports = selectors.my_reports(request.user)
    return render(request, "rounds/my_tasks.html", {"actor": actor, "reports": reports})


class RoundForm(forms.Form):
    label = forms.CharField(label="名称", initial="第四季度", max_length=50)
    end_month = forms.IntegerField(label="截止月份", min_value=1, max_value=12, initial=12)
    kind = forms.ChoiceField(label="类型", choices=Period.Kind.choices, initial="quarter")
    # Without a deadline nothing is ever late (逾期): a round needs one.
    deadline = forms.DateField(
        label="报送截止日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写报送截止日期：没有截止日期，逾期无从判断"},
    )


def _picks(request: HttpRequest) -> dict[int, list[int]]:
    """The members the office ticked for each group the form showed (none ticked: nobody)."""
    picks: dict[int, list[int]] = {}
    for raw in request.POST.getlist("group"):
        group = parse_int(raw)
        if group is not None:
            ticked = (parse_int(m) for m in request.POST.getlist(f"member-{group}"))
            picks[group] = [m for m in ticked if m is not None]
    return picks


def round_new(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office names the round, sees per group the units it would ask and picks them, and
    sees how many slots each unit would get ('preview') before anything is created ('open')."""
    plan = get_or_deny(
        Plan.objects.select_related("organization"), request.user, "open_round", pk=plan_id
    )
    form = RoundForm(request.POST or None)
    picks = _picks(request) if request.method == "POST" else {}
    if request.method == "POST" and request.POST.get("action") != "preview" and form.is_valid():
        try:
            opened = services.round_open(plan, actor=request.user, picks=picks, **form.cleaned_data)
        except services.RoundError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已开启{opened.period}，共 {opened.slots} 个填报项。")
            if opened.groups_without_members:
                empty = "、".join(opened.groups_without_members)
                messages.warning(request, f"以下单位组没有勾选报送单位，未生成填报项：{empty}。")
            return redirect("round", period_id=opened.period.pk)
    ctx = {
        "plan": plan,
        "form": form,
        "opening": opening_plan(plan, picks),
        "actor": actor_of(request.user),
    }
    return render(request, "rounds/new.html", ctx)


def round_page(request: HttpRequest, period_id: int) -> HttpResponse:
    period = guards.period_for(request, period_id, "oversee")
    ctx = {
        "plan": period.plan,
        "period": period,
        "actor": actor_of(request.user),
        "overview": selectors.round_overview(period, request.user),
        "states": Report.State.choices,
        "can_close": period.state == Period.State.OPEN and can(request.user, "close", period),
        "can_review": can(request.user, "review", period),
        "can_publish": can(request.user, "publish", period),
    }
    ctx["queue"] = selectors.review_queue(period, request.user) if ctx["can_review"] else []
    # Lights of the tasks each unit leads, for the office and leaders (the page's only readers).
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.verdicts.selectors import led_tasks

    ctx["verdicts"] = period_judgement(period.plan, period).tasks
    ctx["led"] = led_tasks(period.plan_id)
    from duban.web.notices.selectors import period_notices

    ctx["notices"] = period_notices(period)
    ctx["can_settings"] = can(request.user, "change", period.plan.organization)
    return render(request, "rounds/round.html", ctx)


@require_POST
def report_review(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id, "review")
    judged = request.POST.get("milestone")
    milestone = (
        services.MilestoneJudgement(judged == "met", request.POST.get("milestone_reason", ""))
        if judged in ("met", "not_met")
        else None
    )
    decision = request.POST.get("decision")
    try:
        if decision == "accept":
            services.report_accept(report, actor=request.user, milestone=milestone)
        elif decision == "return":
            services.report_return(
                report,
                comment=request.POST.get("comment", ""),
                actor=request.user,
                milestone=milestone,
            )
        else:
            raise PermissionDenied
    except services.RoundError as exc:
        if "queue" in request.POST:
            return queue.queue_answer(request, report, error=str(exc))
        messages.error(request, str(exc))
    else:
        if "queue" in request.POST:
            return queue.queue_answer(request, report, done=queue.decided(report, decision))
    return redirect(reverse("round", args=[report.period_id]) + "#queue")


def reminders_page(request: HttpRequest, period_id: int) -> HttpResponse:
    period = guards.period_for(request, period_id, "oversee")
    items = selectors.reminders(period, request.user)
    if request.GET.get("format") == "csv":
        rows = [[i.unit, "、".join(map(str, i.tasks)), len(i.tasks)] for i in items]
        response = HttpResponse(
            csv_bytes([["单位", "未报送任务序号", "项数"], *rows]),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="reminders-{period.pk}.csv"'
        return response
    ctx = {
        "plan": period.plan,
        "period": period,
        "actor": actor_of(request.user),
        "items": items,
        "notice": selectors.reminder_notice(period, items),
    }
    return render(request, "rounds/reminders.html", ctx)


def report_diff(request: HttpRequest, report_id: int) -> HttpResponse:
    """Differences between two versions of a report (?a=&b=), or with the previous period's."""
    try:
        report = _report(request, report_id, "view")
    except Http404 as exc:
        return deny_anonymous(request, exc)
    versions: dict[int | None, ReportVersion] = {
        v.number: v for v in plan_selectors.report_versions(report, request.user)
    }
    if request.GET.get("with") == "previous":
        previous = services.previous_report(report)
        if previous is None or not can(request.user, "view", previous):
            raise Http404
        old, new = previous.text, report.text
        title = f"{previous.period} → {report.period}"
    else:
        a, b = versions.get(query_int(request.GET, "a")), versions.get(query_int(request.GET, "b"))
        if a is None or b is None:
            raise Http404
        old, new = a.text, b.text
        title = f"第 {a.number} 版 → 第 {b.number} 版"
    ctx = {
        "plan": report.task.plan,
        "actor": actor_of(request.user),
        "report": report,
        "title": title,
        "diff": selectors.text_diff(old, new),
    }
    return render(request, "rounds/diff.html", ctx)
