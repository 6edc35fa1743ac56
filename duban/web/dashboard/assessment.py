"""考核: points per unit and period from its reports, each point traceable to what caused it.

The rules are the office's: DUBAN_ASSESSMENT in the Django settings overrides any default.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from duban.core.judgement.labels import VERDICT_LABELS
from duban.core.render.csv_table import csv_bytes
from duban.core.render.table_xlsx import append_row, new_workbook
from duban.web.dashboard.selectors import unit_rows
from duban.web.dashboard.verdicts import PeriodJudgement, period_judgement
from duban.web.plans.models import REPORTED_STATES, Period, Plan, Report, Responsibility

DEFAULT_RULES = {"base": 100, "missing": -10, "late": -3, "vague": -5, "exceeded": 2}
REASONS = {
    "missing": VERDICT_LABELS["not_reported"],
    "late": "逾期报送",
    "vague": "报告无实质内容",
    "exceeded": "超额完成目标",
}


def rules() -> dict[str, float]:
    return {**DEFAULT_RULES, **getattr(settings, "DUBAN_ASSESSMENT", {})}


@dataclass(frozen=True)
class Point:
    kind: str  # missing, late, vague, exceeded
    points: float
    task_seq: int
    link: str  # the report (or, for a missing one, the task) that caused it

    @property
    def reason(self) -> str:
        return REASONS[self.kind]


@dataclass
class UnitScore:
    unit_name: str
    unit_id: int
    score: float
    points: list[Point] = field(default_factory=list)
    rank: int = 0
    change: int | None = None  # places gained since the previous period

    def count(self, kind: str) -> int:
        return sum(1 for p in self.points if p.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        """Points by kind, for templates: counts.missing, counts.late, ..."""
        return {kind: self.count(kind) for kind in REASONS}


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
            s.points.append(Point("missing", r["missing"], seq, link))
    led = Responsibility.objects.filter(
        task__plan=plan, role=Responsibility.Role.LEAD, unit_id__in=list(scores)
    ).values_list("task_id", "unit_id")
    for task_id, unit_id in led:
        rep = reports.get((task_id, unit_id))
        if rep is None or task_id not in seqs:
            continue  # 未报送 is counted above; a retired task counts no more
        s, seq = scores[unit_id], seqs[task_id]
        link = reverse("report", args=[rep.pk])
        if rep.late:
            s.points.append(Point("late", r["late"], seq, link))
        verdict = judgement.tasks.get(task_id)
        if verdict is None:
            continue
        if any(f.kind == "vague" and f.unit in (None, s.unit_name) for f in verdict.flags):
            s.points.append(Point("vague", r["vague"], seq, link))
        # The core's completion (万/亿 and shares applied), amounts only: never divided here.
        if any(i.completion is not None and i.completion > 1 for i in verdict.indicators):
            s.points.append(Point("exceeded", r["exceeded"], seq, link))
    for s in scores.values():
        s.score = r["base"] + sum(p.points for p in s.points)
    ranked = sorted(scores.values(), key=lambda s: (-s.score, s.unit_name))
    for i, s in enumerate(ranked):
        # Equal scores share a rank.
        s.rank = ranked[i - 1].rank if i and ranked[i - 1].score == s.score else i + 1
    return ranked


def assessment(plan: Plan, period: Period, periods: list[Period]) -> list[UnitScore]:
    """The ranking for a period, with the change of rank since the period before it."""
    current = _scores(plan, period, period_judgement(plan, period))
    earlier = [p for p in periods if p.end_month < period.end_month and p.kind == period.kind]
    if earlier:
        before = {
            s.unit_id: s.rank
            for s in _scores(plan, earlier[-1], period_judgement(plan, earlier[-1]))
        }
        for s in current:
            if s.unit_id in before:
                s.change = before[s.unit_id] - s.rank
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
