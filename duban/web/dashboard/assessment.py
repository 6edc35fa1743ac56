"""考核 in the web: gathers a period's reports and judgement for the core's scoring rule
(duban.core.assessment), links each point to its page, and exports the ranking.

The rules are the office's: DUBAN_ASSESSMENT in the Django settings overrides any default.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from duban.core.assessment import (
    Point,
    UnitScore,
    missing_point,
    rank_changes,
    ranked,
    report_points,
)
from duban.core.assessment import rules as core_rules
from duban.core.judgement.labels import VERDICT_LABELS
from duban.core.render.csv_table import csv_bytes
from duban.core.render.table_xlsx import append_row, new_workbook
from duban.web.dashboard.selectors import unit_rows
from duban.web.dashboard.verdicts import PeriodJudgement, period_judgement
from duban.web.plans.models import REPORTED_STATES, Period, Plan, Report, Responsibility
from duban.web.workflow.closing import GRADE_POINTS, GRADE_REASONS, grade_points


def rules() -> dict[str, float]:
    """The core's scoring rule with the office's DUBAN_ASSESSMENT over its defaults."""
    return core_rules(getattr(settings, "DUBAN_ASSESSMENT", {}))


def _scores(plan: Plan, period: Period, judgement: PeriodJudgement) -> list[UnitScore]:
    """Points from the one judgement: 未报送 from judgement.missing, the rest from the reported
    texts of the tasks a unit leads (lateness, the judgement's flags, the core's completion)."""
    r = rules()
    reports = {
        (rep.task_id, rep.unit_id): rep
        for rep in Report.objects.filter(
            period=period, unit__isnull=False, state__in=REPORTED_STATES
        ).exclude(text="")
    }
    seqs = dict(plan.tasks.in_force().values_list("pk", "seq"))
    task_of = {seq: pk for pk, seq in seqs.items()}
    scores: dict[int, UnitScore] = {}
    for row in unit_rows(plan, period, judgement):
        scores[row.unit.pk] = UnitScore(row.unit.name, row.unit.pk, r["base"])
    for s in scores.values():
        for seq in judgement.missing.get(s.unit_name, ()):
            link = reverse("task", args=[task_of[seq]]) + f"?period={period.pk}"
            s.points.append(missing_point(r, seq, link))
    led = Responsibility.objects.filter(
        task__plan=plan, role=Responsibility.Role.LEAD, unit_id__in=list(scores)
    ).values_list("task_id", "unit_id")
    for task_id, unit_id in led:
        rep = reports.get((task_id, unit_id))
        if rep is None or task_id not in seqs:
            continue  # 未报送 is counted above; a retired task counts no more
        s, verdict = scores[unit_id], judgement.tasks.get(task_id)
        s.points += report_points(
            r,
            s.unit_name,
            seqs[task_id],
            reverse("report", args=[rep.pk]),
            late=rep.late,
            flags=None if verdict is None else [(f.kind, f.unit) for f in verdict.flags],
            completions=() if verdict is None else [i.completion for i in verdict.indicators],
        )
    _grade_points(scores, period, r)
    return ranked(scores.values(), r)


@dataclass(frozen=True)
class GradePoint(Point):
    """办结评定: the grade of a closing approved in the period, for its lead unit."""

    label: str = ""

    @property
    def reason(self) -> str:
        return self.label


def _grade_points(scores: dict[int, UnitScore], period: Period, r: dict[str, float]) -> None:
    """The grades of closings approved in this period (workflow/closing.py) as points; the
    office sets their values in DUBAN_ASSESSMENT under the same keys (closed_excellent, ...)."""
    for unit_id, kind, seq, report_id in grade_points(period):
        if unit_id in scores:
            value = r.get(kind, GRADE_POINTS[kind])
            link = reverse("report", args=[report_id])
            scores[unit_id].points.append(GradePoint(kind, value, seq, link, GRADE_REASONS[kind]))


def assessment(plan: Plan, period: Period, periods: list[Period]) -> list[UnitScore]:
    """The ranking for a period, with the change of rank since the period before it."""
    current = _scores(plan, period, period_judgement(plan, period))
    earlier = [p for p in periods if p.end_month < period.end_month and p.kind == period.kind]
    if earlier:
        before = _scores(plan, earlier[-1], period_judgement(plan, earlier[-1]))
        rank_changes(current, {s.unit_id: s.rank for s in before})
    return current


NOT_REPORTED = VERDICT_LABELS["not_reported"]
HEADER = ["名次", "单位", "得分", "名次变化", NOT_REPORTED, "逾期", "无实质内容", "超额完成"]


def table_rows(scores: list[UnitScore]) -> list[list]:
    return [
        [
            s.rank,
            s.unit_name,
            s.score,
            "" if s.change is None else s.change,
            s.count("missing"),
            s.count("late"),
            s.count("vague"),
            s.count("exceeded"),
        ]
        for s in scores
    ]


def detail_rows(scores: list[UnitScore]) -> list[list]:
    return [[s.unit_name, p.task_seq, p.reason, p.points, p.link] for s in scores for p in s.points]


DETAIL_HEADER = ["单位", "任务序号", "原因", "分值", "依据"]


def to_csv(scores: list[UnitScore]) -> bytes:
    return csv_bytes([HEADER, *table_rows(scores), [], DETAIL_HEADER, *detail_rows(scores)])


def to_xlsx(scores: list[UnitScore]) -> bytes:
    wb, ranking = new_workbook("考核排名")
    detail = wb.create_sheet("扣加分明细")
    for ws, rows in (
        (ranking, [HEADER, *table_rows(scores)]),
        (detail, [DETAIL_HEADER, *detail_rows(scores)]),
    ):
        for row in rows:
            append_row(ws, row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
