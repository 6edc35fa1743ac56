"""The one place verdicts come from: the core judgement of a plan for a period, with
"not reported" told apart from "no progress". Dashboards, search filters, the public page and
the assessment all read verdicts here, never recompute them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from duban.core.judgement import TaskJudgement, judge_plan
from duban.core.judgement.labels import (
    FLAG_LABELS,
    INDICATOR_LABELS,
    LIGHT_LABELS,
    VERDICT_LABELS,
    VERDICT_ORDER,
)
from duban.core.judgement.lights import LightThresholds, task_light
from duban.core.schedule import schedule_share
from duban.web.plans import seam
from duban.web.plans.models import REPORTED_STATES, Period, Plan, Report

# Order used in charts and tables, best first; "not_reported" is never merged into the others.
VERDICTS = VERDICT_ORDER
LABELS = VERDICT_LABELS
COLORS = {
    "completed": "#1a7f37",
    "on_schedule": "#4ac26b",
    "in_progress": "#d4a72c",
    "behind": "#cf222e",
    "stalled": "#82071e",
    "not_reported": "#8c959f",
}


@dataclass(frozen=True)
class Flag:
    kind: str
    unit: str | None
    reason: str

    @property
    def label(self) -> str:
        return FLAG_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Indicator:
    metric: str
    unit: str
    target: float
    actual: float | None
    completion: float | None  # actual / target for amounts, None when not comparable
    schedule: float  # 序时: share due by the period's end month
    verdict: str
    quote: str = ""
    kind: str = ""

    @property
    def verdict_label(self) -> str:
        return INDICATOR_LABELS.get(self.verdict, INDICATOR_LABELS["unknown"])


@dataclass(frozen=True)
class Override:
    """The office's verdict in force on a task, and what the judgement said on its own."""

    verdict: str
    reason: str
    author: str
    at: datetime
    automatic: str
    automatic_explanation: str

    @property
    def automatic_label(self) -> str:
        return LABELS.get(self.automatic, self.automatic)


@dataclass(frozen=True)
class TaskVerdict:
    task_id: int
    seq: int
    verdict: str
    explanation: str
    flags: tuple[Flag, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    light: str | None = None  # red / yellow / green; None when not reported
    override: Override | None = None

    @property
    def label(self) -> str:
        return LABELS[self.verdict]

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS.get(self.light, "") if self.light else "未报送"

    @property
    def public_explanation(self) -> str:
        """What the public page says: an override's reason is the office's own business."""
        if self.override is not None:
            return f"督查室认定：{self.label}"
        return self.explanation

    @property
    def quotes(self) -> tuple[str, ...]:
        """The evidence each indicator's figure was read from (highlighted on the task page)."""
        return tuple(i.quote for i in self.indicators if i.quote)


@dataclass
class PeriodJudgement:
    period: Period
    tasks: dict[int, TaskVerdict] = field(default_factory=dict)  # by task id
    automatic: bool = True  # kept in the API's shape: verdicts are always computed now

    def counts(self, task_ids=None) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for tid, v in self.tasks.items():
            if task_ids is None or tid in task_ids:
                out[v.verdict] += 1
        return out


def _core_task_verdict(
    task_id: int, seq: int, judged: TaskJudgement, end_month: int
) -> TaskVerdict:
    flags = tuple(Flag(f.kind, f.unit, f.reason) for f in judged.flags)
    indicators = []
    for ind in judged.indicators:
        value = ind.actual.value if ind.actual is not None else None
        indicators.append(
            Indicator(
                metric=ind.metric,
                unit=ind.unit,
                target=float(ind.value or 0),
                actual=value,
                completion=ind.completion,  # the core's, with 万/亿 and shares applied
                schedule=ind.schedule_share
                if ind.schedule_share is not None
                else schedule_share(end_month),
                verdict=ind.verdict,
                quote=ind.actual.quote if ind.actual is not None else "",
                kind=ind.kind,
            )
        )
    return TaskVerdict(task_id, seq, judged.verdict, judged.explanation, flags, tuple(indicators))


def _late_reports(period: Period) -> set[tuple[int, str]]:
    """(task id, unit name) of reports marked late (Report.late arrives with reporting rounds)."""
    if not any(f.name == "late" for f in Report._meta.fields):
        return set()
    return set(Report.objects.filter(period=period, late=True).values_list("task_id", "unit__name"))


def _automatic(plan: Plan, period: Period) -> dict[int, TaskVerdict]:
    """The judgement of the reports alone, by task id (cached: verdicts.cache says on what)."""
    earlier = (
        plan.periods.filter(kind=period.kind, end_month__lt=period.end_month)
        .order_by("-end_month")
        .first()
    )

    def compute() -> dict[int, TaskVerdict]:
        reported = set(
            Report.objects.filter(period=period, state__in=REPORTED_STATES)
            .exclude(text="")
            .values_list("task_id", flat=True)
        )
        # The period before lets the core flag reports unchanged since then.
        previous = seam.to_core(plan, earlier) if earlier is not None else None
        judged = judge_plan(seam.to_core(plan, period), previous)
        by_seq = {t.seq: t for t in judged.tasks}
        out: dict[int, TaskVerdict] = {}
        for seq, tid in plan.tasks.in_force().values_list("seq", "pk"):
            if tid not in reported:
                out[tid] = TaskVerdict(tid, seq, "not_reported", "本期未报送进展情况")
            elif seq in by_seq:
                out[tid] = _core_task_verdict(tid, seq, by_seq[seq], period.end_month)
            else:
                out[tid] = TaskVerdict(tid, seq, "in_progress", "已报送进展，尚未自动研判")
        return out

    from duban.web.verdicts import cache

    return cache.cached(cache.key(plan, period, earlier), compute)


def _light(v: TaskVerdict, end_month: int, thresholds: LightThresholds) -> str | None:
    if v.verdict == "not_reported":
        return None
    if v.override is not None:
        return task_light(v.verdict)
    pairs = [(i.verdict, i.completion if i.kind == "amount" else None) for i in v.indicators]
    return task_light(v.verdict, pairs, end_month, thresholds)


def _overridden(v: TaskVerdict, row) -> TaskVerdict:
    override = Override(
        verdict=row.verdict,
        reason=row.reason,
        author=row.author.get_full_name() or row.author.get_username(),
        at=row.created_at,
        automatic=v.verdict,
        automatic_explanation=v.explanation,
    )
    label = LABELS[row.verdict]
    return replace(
        v,
        verdict=row.verdict,
        explanation=f"督查室认定：{label}；原因：{row.reason}",
        override=override,
    )


def period_judgement(plan: Plan, period: Period) -> PeriodJudgement:
    """Verdicts of every task of the plan for the period: the judgement of the reported texts
    (submitted or accepted; a task with none is "not_reported"), then the
    office's overrides in force, the late flags and the lights by the office's thresholds."""
    from duban.web.verdicts.selectors import overrides_in_force, thresholds_for

    automatic = _automatic(plan, period)
    overrides = overrides_in_force(period)
    thresholds = thresholds_for(plan.organization_id)
    late: dict[int, list[Flag]] = {}
    for tid, unit in sorted(_late_reports(period)):
        if unit:
            late.setdefault(tid, []).append(Flag("late", unit, f"{unit}逾期报送"))
    result = PeriodJudgement(period)
    for tid, v in automatic.items():
        late_flags = tuple(late.get(tid, ()))
        if late_flags:
            v = replace(v, flags=v.flags + late_flags)
        if tid in overrides:
            v = _overridden(v, overrides[tid])
        result.tasks[tid] = replace(v, light=_light(v, period.end_month, thresholds))
    return result
