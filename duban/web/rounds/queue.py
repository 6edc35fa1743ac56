"""The office's review queue (审核), a page of its own: filters (state, unit, section, light,
flag), each report with its task, its light and flags (the period's judgement, read, never
recomputed), the diffs to the unit's previous text and to the version the office returned;
accept and return in place (HTMX) with the next report loaded, and batch accept of reports
without flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from duban.core.judgement.labels import FLAG_LABELS, LIGHT_LABELS, flag_label
from duban.web.access import actor_of, restrict
from duban.web.dashboard.verdicts import TaskVerdict, period_judgement
from duban.web.orgs.models import Unit
from duban.web.params import query_int
from duban.web.plans.models import Milestone, Period, Report, ReportVersion
from duban.web.rounds import services
from duban.web.rounds.guards import period_for
from duban.web.rounds.selectors import text_diff

# The states the queue lists: what waits, and what the office has already decided.
QUEUE_STATES = (Report.State.SUBMITTED, Report.State.RETURNED, Report.State.ACCEPTED)
BATCH_MAX = 500  # reports accepted by one batch click at most
# Reports shown at once: each decision brings the next (a page of 120 took 350-400 ms to render
# on the example; 25 keep it near the judgement's own cost).
QUEUE_SHOWN = 25


@dataclass(frozen=True)
class QueueFilters:
    state: str = Report.State.SUBMITTED
    unit: int | None = None
    section: int | None = None
    light: str | None = None
    flag: str | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> QueueFilters:
        """Unknown values are dropped (the filter is left off), a malformed id is a 400."""
        state = query.get("state", Report.State.SUBMITTED)
        light, flag = query.get("light") or None, query.get("flag") or None
        return cls(
            state=state if state in QUEUE_STATES else Report.State.SUBMITTED,
            unit=query_int(query, "unit"),
            section=query_int(query, "section"),
            light=light if light in LIGHT_LABELS else None,
            flag=flag if flag in FLAG_LABELS else None,
        )

    def query(self) -> str:
        pairs = {k: v for k, v in self.__dict__.items() if v not in (None, "")}
        q = QueryDict(mutable=True)
        q.update({k: str(v) for k, v in pairs.items()})
        return q.urlencode()


@dataclass
class QueueItem:
    report: Report
    verdict: TaskVerdict | None
    flags: list[str]  # the labels of the flags about this unit's report (or the whole task)
    milestone: Milestone | None = None
    previous: Report | None = None
    returned: ReportVersion | None = None  # the version the office last returned
    diffs: dict[str, SafeString] = field(default_factory=dict)  # "previous", "returned"

    @property
    def resubmitted(self) -> bool:
        return self.returned is not None


def _flags_of(report: Report, verdict: TaskVerdict | None) -> list:
    if verdict is None:
        return []
    name = report.unit.name if report.unit else None
    return [f for f in verdict.flags if f.unit in (None, name)]


def queue_items(period: Period, user, filters: QueueFilters) -> list[QueueItem]:
    """The period's reports in `filters.state` the user may review, oldest submission first."""
    reports = (
        restrict(period.reports.filter(state=filters.state), user, "review")
        .select_related("unit", "task__section")
        .order_by("submitted_at", "pk")
    )
    if filters.unit:
        reports = reports.filter(unit_id=filters.unit)
    if filters.section:
        reports = reports.filter(task__section_id=filters.section)
    verdicts = period_judgement(period.plan, period).tasks
    items = []
    for r in reports:
        v = verdicts.get(r.task_id)
        flags = _flags_of(r, v)
        if filters.light and (v is None or v.light != filters.light):
            continue
        if filters.flag and not any(f.kind == filters.flag for f in flags):
            continue
        items.append(QueueItem(r, v, [flag_label(f.kind) for f in flags]))
    _attach_history(period, items)
    return items


def _attach_history(period: Period, items: list[QueueItem]) -> None:
    """Milestones due, the previous period's texts and the returned versions: three queries."""
    if not items:
        return
    tasks = {i.report.task_id for i in items}
    units = {i.report.unit_id for i in items if i.report.unit_id is not None}
    milestones = {
        m.task_id: m for m in Milestone.objects.filter(task__in=tasks, end_month=period.end_month)
    }
    previous: dict[tuple[int, int | None], Report] = {}
    for p in (
        Report.objects.filter(
            period__plan_id=period.plan_id,
            period__end_month__lt=period.end_month,
            task_id__in=tasks,
            unit_id__in=units,
        )
        .exclude(text="")
        .select_related("period")
        .order_by("period__end_month")
    ):
        previous[(p.task_id, p.unit_id)] = p  # the latest earlier period wins
    returned: dict[int, ReportVersion] = {}
    for v in ReportVersion.objects.filter(
        report__in=[i.report.pk for i in items], state=Report.State.RETURNED
    ).order_by("number"):
        returned[v.report_id] = v
    for item in items:
        r = item.report
        item.milestone = milestones.get(r.task_id)
        item.previous = previous.get((r.task_id, r.unit_id))
        item.returned = returned.get(r.pk)
        if item.previous is not None:
            item.diffs["previous"] = diff_html(item.previous.text, r.text)
        if item.returned is not None:
            item.diffs["returned"] = diff_html(item.returned.text, r.text)


def diff_html(old: str, new: str) -> SafeString:
    """The character diff as <del>/<ins> markup, made here once rather than by a template loop
    per piece (a queue of 120 reports: the page's time was in those loops)."""
    tags = {"del": ("<del>", "</del>"), "ins": ("<ins>", "</ins>"), "same": ("", "")}
    out = []
    for op, text in text_diff(old, new):
        start, end = tags[op]
        out.append(f"{start}{escape(text)}{end}")
    return mark_safe("".join(out))  # every piece of text is escaped above


def _context(request: HttpRequest, period: Period, filters: QueueFilters, **extra) -> dict:
    every = queue_items(period, request.user, filters)
    items = every[:QUEUE_SHOWN]
    return {
        "plan": period.plan,
        "period": period,
        "actor": actor_of(request.user),
        "filters": filters,
        "query": filters.query(),
        "items": items,
        "total": len(every),
        "unflagged": sum(1 for i in items if not i.flags),
        "states": [(s, Report.State(s).label) for s in QUEUE_STATES],
        "units": restrict(Unit.objects.filter(reports__period=period), request.user)
        .distinct()
        .order_by("name"),
        "sections": period.plan.sections.order_by("number"),
        "lights": list(LIGHT_LABELS.items()),
        "flag_choices": list(FLAG_LABELS.items()),
        "open": period.state == Period.State.OPEN,
        **extra,
    }


def queue_page(request: HttpRequest, period_id: int) -> HttpResponse:
    period = period_for(request, period_id, "review")
    filters = QueueFilters.from_query(request.GET)
    return render(request, "rounds/queue.html", _context(request, period, filters))


def queue_answer(
    request: HttpRequest, report: Report, done: str = "", error: str = ""
) -> HttpResponse:
    """After a decision: the queue again, as the page asked for it (its filters in `queue`);
    HTMX gets the queue's body with the message in place, a browser without it a redirect."""
    query = QueryDict(request.POST.get("queue", ""))
    filters = QueueFilters.from_query(query)
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        elif done:
            messages.success(request, done)
        url = reverse("review_queue", args=[report.period_id])
        return redirect(f"{url}?{filters.query()}" if filters.query() else url)
    period = report.period
    ctx = _context(request, period, filters, done=done, error=error, error_for=report.pk)
    return render(request, "rounds/_queue_body.html", ctx)


def decided(report: Report, decision: str) -> str:
    what = "已通过" if decision == "accept" else "已退回"
    return f"{what}：第{report.task.seq}项 · {report.unit.name if report.unit else ''}"


@require_POST
def queue_accept(request: HttpRequest, period_id: int) -> HttpResponse:
    """Batch accept: the reports picked (ids) among those the filters list without flags."""
    period = period_for(request, period_id, "review")
    filters = QueueFilters.from_query(QueryDict(request.POST.get("queue", "")))
    unflagged = {
        i.report.pk: i.report
        for i in queue_items(period, request.user, filters)
        if not i.flags and i.report.state == Report.State.SUBMITTED
    }
    wanted = [
        int(x) for x in request.POST.getlist("report")[:BATCH_MAX] if x.isascii() and x.isdigit()
    ]
    chosen = [unflagged[pk] for pk in wanted if pk in unflagged]
    accepted = 0
    error = ""
    for report in chosen:
        try:
            services.report_accept(report, actor=request.user)
            accepted += 1
        except services.RoundError as exc:
            error = str(exc)
            break
    if not chosen:
        error = "请勾选没有标记的待审核进展"
    url = reverse("review_queue", args=[period.pk])
    if error:
        messages.error(request, error)
    if accepted:
        messages.success(request, f"已批量通过 {accepted} 项。")
    return redirect(f"{url}?{filters.query()}" if filters.query() else url)
