"""Help before submitting: what duban reads from a unit's text as they type it — the figures it
finds against the task's targets, the verdict it would give, a warning when the text says only
积极推进 or 取得良好成效 — advice the editor shows, never a block on saving or submitting.

Only the one task is judged, through the core's judge_task, with the unit's text in place of its
stored one beside the other units' reported texts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from duban.core import model as core
from duban.core.judgement import TaskJudgement, judge_task
from duban.core.judgement.labels import INDICATOR_LABELS, VERDICT_LABELS
from duban.web.access import get_or_deny
from duban.web.plans import seam
from duban.web.plans.models import REPORT_TEXT_MAX_CHARS, Report


@dataclass(frozen=True)
class Reading:
    """One target of the task and what the text gives for it."""

    metric: str
    target: str
    found: str  # the figure read, with its words; "" when none
    finding: str


@dataclass(frozen=True)
class Advice:
    verdict: str
    explanation: str
    readings: tuple[Reading, ...]
    vague: str  # the core's reason when the text is only general words; else ""

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def advise(report: Report, text: str) -> Advice:
    """The task judged with `text` as this unit's report for the period."""
    from duban.web.verdicts.selectors import settings_for

    task = report.task
    plan = seam.to_core(task.plan, report.period, skip_reports=[report.pk], only_task=task.pk)
    (one,) = plan.tasks
    name = report.unit.name if report.unit else None
    mine = core.Report(name, text, name)
    reports = (*one.reports, mine) if text.strip() else one.reports
    judged = judge_task(
        replace(one, reports=reports),
        plan.period or core.Period("全年", 12),
        units=plan.units.at_level(plan.level),
        tolerances=settings_for(task.plan.organization_id)[1],
        year=plan.year,
    )
    return _advice(judged, name, bool(reports))


def _advice(judged: TaskJudgement, unit: str | None, reported: bool) -> Advice:
    readings = tuple(
        Reading(
            i.metric,
            f"{i.value:g}{i.unit}",
            i.actual.quote if i.actual is not None else "",
            INDICATOR_LABELS.get(i.verdict, i.verdict),
        )
        for i in judged.indicators
    )
    vague = next((f.reason for f in judged.flags if f.kind == "vague" and f.unit == unit), "")
    verdict = judged.verdict if reported else "not_reported"
    return Advice(verdict, judged.explanation, readings, vague)


@require_POST
def report_advice(request: HttpRequest, report_id: int) -> HttpResponse:
    """The editor's advice panel (HTMX): the same gate as the editor, nothing saved."""
    report = get_or_deny(
        Report.objects.select_related("task__plan__organization", "period", "unit"),
        request.user,
        "change",
        pk=report_id,
    )
    text = request.POST.get("text", "")[:REPORT_TEXT_MAX_CHARS]
    return render(request, "rounds/_advice.html", {"advice": advise(report, text)})
