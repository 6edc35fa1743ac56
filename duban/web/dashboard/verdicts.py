"""The one place verdicts come from: the core judgement of a plan for a period, with
"not reported" told apart from "no progress". Dashboards, search filters, the public page and
the assessment all read verdicts here, never recompute them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from duban.web.plans import seam
from duban.web.plans.models import Period, Plan, Report

# Order used in charts and tables, best first; "not_reported" is never merged into the others.
VERDICTS = ("completed", "on_schedule", "in_progress", "behind", "stalled", "not_reported")
LABELS = {
    "completed": "已完成",
    "on_schedule": "达序时",
    "in_progress": "推进中",
    "behind": "滞后",
    "stalled": "停滞",
    "not_reported": "未报送",
}
COLORS = {
    "completed": "#1a7f37",
    "on_schedule": "#4ac26b",
    "in_progress": "#d4a72c",
    "behind": "#cf222e",
    "stalled": "#82071e",
    "not_reported": "#8c959f",
}
FLAG_LABELS = {
    "vague": "空泛",
    "unchanged": "与上期雷同",
    "reused": "跨任务重复",
    "missing_report": "有责任单位未报送",
    "unlisted_reporter": "非责任单位报送",
    "inconsistent": "数据矛盾",
    "blocked": "部分受阻",
    "stale": "数据期次过旧",
    "estimate": "预计数",
    "late": "逾期报送",
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

    @property
    def verdict_label(self) -> str:
        return LABELS.get(self.verdict, "不可比")


@dataclass(frozen=True)
class TaskVerdict:
    task_id: int
    seq: int
    verdict: str
    explanation: str
    flags: tuple[Flag, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.verdict]

    @property
    def quotes(self) -> tuple[str, ...]:
        """The evidence each indicator's figure was read from (highlighted on the task page)."""
        return tuple(i.quote for i in self.indicators if i.quote)


@dataclass
class PeriodJudgement:
    period: Period
    tasks: dict[int, TaskVerdict] = field(default_factory=dict)  # by task id
    automatic: bool = True  # False while the core judgement is not available

    def counts(self, task_ids=None) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for tid, v in self.tasks.items():
            if task_ids is None or tid in task_ids:
                out[v.verdict] += 1
        return out


def _judge(core_plan, previous):
    """The core's judgement, or None while duban.core.judgement has not landed."""
    try:
        from duban.core.judgement import judge_plan
    except ImportError:
        return None
    return judge_plan(core_plan, previous)


def _core_task_verdict(task_id: int, seq: int, judged, end_month: int) -> TaskVerdict:
    flags = tuple(
        Flag(f.kind, getattr(f, "unit", None), getattr(f, "reason", ""))
        for f in getattr(judged, "flags", ())
    )
    indicators = []
    for ind in getattr(judged, "indicators", ()):
        actual = getattr(ind, "actual", None)
        value = getattr(actual, "value", None) if actual is not None else None
        target = float(getattr(ind, "value", 0) or 0)
        completion = (
            value / target if value is not None and target and ind.kind == "amount" else None
        )
        indicators.append(
            Indicator(
                metric=ind.metric,
                unit=ind.unit,
                target=target,
                actual=value,
                completion=completion,
                schedule=end_month / 12,
                verdict=getattr(ind, "verdict", "unknown"),
                quote=getattr(actual, "quote", "") if actual is not None else "",
            )
        )
    return TaskVerdict(
        task_id, seq, judged.verdict, getattr(judged, "explanation", ""), flags, tuple(indicators)
    )


def _late_reports(period: Period) -> set[tuple[int, str]]:
    """(task id, unit name) of reports marked late (Report.late arrives with reporting rounds)."""
    if not any(f.name == "late" for f in Report._meta.fields):
        return set()
    return set(Report.objects.filter(period=period, late=True).values_list("task_id", "unit__name"))


def period_judgement(plan: Plan, period: Period) -> PeriodJudgement:
    """Verdicts of every task of the plan for the period (a task with no report text in the
    period is "not_reported", whatever the text-based judgement would say)."""
    reported = set(
        Report.objects.filter(period=period).exclude(text="").values_list("task_id", flat=True)
    )
    late = _late_reports(period)
    tasks = dict(plan.tasks.values_list("seq", "pk"))
    earlier = (
        plan.periods.filter(kind=period.kind, end_month__lt=period.end_month)
        .order_by("-end_month")
        .first()
    )
    # The period before lets the core flag reports unchanged since then.
    previous = seam.to_core(plan, earlier) if earlier is not None else None
    judged = _judge(seam.to_core(plan, period), previous)
    result = PeriodJudgement(period, automatic=judged is not None)
    by_seq = {t.seq: t for t in getattr(judged, "tasks", ())} if judged is not None else {}
    for seq, tid in tasks.items():
        late_flags = tuple(
            Flag("late", unit, f"{unit}逾期报送") for t, unit in late if t == tid and unit
        )
        if tid not in reported:
            v = TaskVerdict(tid, seq, "not_reported", "本期未报送进展情况", late_flags)
        elif seq in by_seq:
            v = _core_task_verdict(tid, seq, by_seq[seq], period.end_month)
            v = TaskVerdict(
                v.task_id, v.seq, v.verdict, v.explanation, v.flags + late_flags, v.indicators
            )
        else:
            v = TaskVerdict(tid, seq, "in_progress", "已报送进展，尚未自动研判", late_flags)
        result.tasks[tid] = v
    return result
