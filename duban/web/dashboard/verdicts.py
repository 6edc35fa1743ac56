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
from duban.core.judgement.tolerances import Tolerances
from duban.core.model import Plan as CorePlan
from duban.core.render.bulletin_data import missing_units
from duban.core.schedule import schedule_share
from duban.web.plans import seam
from duban.web.plans.models import Period, Plan, Report

# Order used in charts and tables, best first; "not_reported" is never merged into the others.
VERDICTS = VERDICT_ORDER
LABELS = VERDICT_LABELS
COLORS = {
    "closed": "#116329",
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
    actual_unit: str = ""
    source: str = "text"  # where the actual came from: text | column | milestone

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
    light: str | None = None  # the core's light; None where it has none (推进中, 未报送)
    override: Override | None = None
    # The document's own status for the period (是否达序：否), shown beside duban's verdict.
    document_status: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.verdict]

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS.get(self.light, "") if self.light else ""

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
    # 未报送: unit name → task numbers it was asked to report on and has not (missing_units).
    missing: dict[str, list[int]] = field(default_factory=dict)

    def counts(self, task_ids=None) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for tid, v in self.tasks.items():
            if task_ids is None or tid in task_ids:
                out[v.verdict] += 1
        return out


def _core_task_verdict(
    task_id: int,
    seq: int,
    judged: TaskJudgement,
    end_month: int,
    missing: tuple[Flag, ...],
) -> TaskVerdict:
    # The core names missing reporters from the text alone; the period's slots say who was asked.
    flags = tuple(
        Flag(f.kind, f.unit, f.reason) for f in judged.flags if f.kind != "missing_report"
    )
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
                actual_unit=ind.actual.unit if ind.actual is not None else "",
                source=ind.source,
            )
        )
    return TaskVerdict(
        task_id,
        seq,
        judged.verdict,
        judged.explanation,
        flags + missing,
        tuple(indicators),
        document_status=judged.document_status,
    )


def _asked(current: CorePlan, period: Period) -> dict[int, list[str]]:
    """Who was asked to report on each task (unit names by task number): the period's report
    slots (a round opens one per responsible unit, an import one per text it holds); a task
    with no slot at all asks its responsible units, groups standing for nobody of their own."""
    asked: dict[int, list[str]] = {}
    for seq, name in Report.objects.filter(
        period=period, unit__isnull=False, task__retired_at__isnull=True
    ).values_list("task__seq", "unit__name"):
        asked.setdefault(seq, []).append(name)
    for t in current.tasks:
        if t.seq not in asked:
            names = (u.canonical or u.name for u in t.units)
            asked[t.seq] = [n for n in names if current.units.kind(n) != "group"]
    return asked


def _missing_flags(current: CorePlan, missing: dict[str, list[int]]) -> dict[int, tuple[Flag, ...]]:
    """The 未报送 units of each task (by number) as the task's flags, worded by their role."""
    words = {"lead": "牵头单位", "co": "配合单位"}
    roles = {(t.seq, u.canonical or u.name): words[u.role] for t in current.tasks for u in t.units}
    out: dict[int, list[Flag]] = {}
    for unit, seqs in missing.items():
        for seq in seqs:
            reason = f"{roles.get((seq, unit), '')}{unit}未报送进展情况"
            out.setdefault(seq, []).append(Flag("missing_report", unit, reason))
    return {seq: tuple(flags) for seq, flags in out.items()}


def _late_reports(period: Period) -> set[tuple[int, str]]:
    """(task id, unit name) of reports marked late (Report.late arrives with reporting rounds)."""
    if not any(f.name == "late" for f in Report._meta.fields):
        return set()
    return set(Report.objects.filter(period=period, late=True).values_list("task_id", "unit__name"))


def _automatic(
    plan: Plan, period: Period, tolerances: Tolerances
) -> tuple[dict[int, TaskVerdict], dict[str, list[int]]]:
    """The judgement of the reports alone, by task id, and the 未报送 units (cached:
    verdicts.cache says on what)."""
    earlier = (
        plan.periods.filter(kind=period.kind, end_month__lt=period.end_month)
        .order_by("-end_month")
        .first()
    )

    def compute() -> tuple[dict[int, TaskVerdict], dict[str, list[int]]]:
        # The period before lets the core flag reports unchanged since then.
        previous = seam.to_core(plan, earlier) if earlier is not None else None
        current = seam.to_core(plan, period)  # the reported texts only (REPORTED_STATES)
        reported = {t.seq for t in current.tasks if any(r.text.strip() for r in t.reports)}
        missing = missing_units(current, _asked(current, period))
        missing_flags = _missing_flags(current, missing)
        judged = judge_plan(current, previous, tolerances=tolerances)
        by_seq = {t.seq: t for t in judged.tasks}
        extended = {
            t.seq: t.deadline
            for t in current.tasks
            if t.deadline and t.deadline.startswith(seam.EXTENDED)
        }
        out: dict[int, TaskVerdict] = {}
        for seq, tid in plan.tasks.in_force().values_list("seq", "pk"):
            flags = missing_flags.get(seq, ())
            core = by_seq.get(seq)
            if seq not in reported:
                out[tid] = TaskVerdict(
                    tid, seq, "not_reported", "本期未报送进展情况", flags,
                    document_status=core.document_status if core is not None else None,
                )  # fmt: skip
            elif core is not None:
                out[tid] = _core_task_verdict(tid, seq, core, period.end_month, flags)
                if seq in extended:  # the deadline is an approved 延期's: say so first
                    v = out[tid]
                    out[tid] = replace(v, explanation=f"{extended[seq]}；{v.explanation}")
            else:
                out[tid] = TaskVerdict(tid, seq, "in_progress", "已报送进展，尚未自动研判", flags)
        return out, missing

    from duban.web.verdicts import cache

    return cache.cached(cache.key(plan, period, earlier, tolerances), compute)


def _light(v: TaskVerdict, end_month: int, thresholds: LightThresholds) -> str | None:
    """The core's light of the verdict in force (none for 推进中 and 未报送); an override's
    verdict lights by itself, the figures it overrules say nothing more."""
    if v.override is not None:
        return task_light(v.verdict)
    indicators = [
        (i.verdict, i.completion if i.kind == "amount" else None, i.schedule) for i in v.indicators
    ]
    return task_light(v.verdict, indicators, end_month, thresholds)


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
    from duban.web.verdicts.selectors import overrides_in_force, settings_for
    from duban.web.workflow.closing import closed_in

    thresholds, tolerances = settings_for(plan.organization_id)
    automatic, missing = _automatic(plan, period, tolerances)
    overrides = overrides_in_force(period)
    late: dict[int, list[Flag]] = {}
    for tid, unit in sorted(_late_reports(period)):
        if unit:
            late.setdefault(tid, []).append(Flag("late", unit, f"{unit}逾期报送"))
    result = PeriodJudgement(period, missing=missing)
    for tid, v in automatic.items():
        late_flags = tuple(late.get(tid, ()))
        if late_flags:
            v = replace(v, flags=v.flags + late_flags)
        if tid in overrides:
            v = _overridden(v, overrides[tid])
        result.tasks[tid] = replace(v, light=_light(v, period.end_month, thresholds))
    closed = {tid: done for tid, done in closed_in(period).items() if tid in result.tasks}
    for tid, done in closed.items():  # 办结: the office's closing stands over all
        result.tasks[tid] = _closed(result.tasks[tid], done)
    if closed:  # a closed task asks no unit for a report any more: nobody is 未报送 on it
        seqs = {result.tasks[tid].seq for tid in closed}
        kept = {u: [s for s in found if s not in seqs] for u, found in result.missing.items()}
        result.missing = {u: found for u, found in kept.items() if found}
    return result


def _closed(v: TaskVerdict, done) -> TaskVerdict:
    """已办结 (a kind of completed, green), the grade and date in its explanation; the flags and
    figures of its reports stay as they were read."""
    at = f"{done.at:%Y-%m-%d}" if done.at is not None else ""
    explanation = f"已办结（督查室{at}审核，评定{done.grade_label}）"
    flags = tuple(f for f in v.flags if f.kind != "missing_report")
    return replace(
        v, verdict="closed", explanation=explanation, light="green", override=None, flags=flags
    )


@dataclass(frozen=True)
class DocumentEvidence:
    value: float | None
    unit: str
    quote: str


@dataclass(frozen=True)
class DocumentIndicator:
    metric: str
    kind: str
    value: float
    unit: str
    verdict: str
    actual: DocumentEvidence | None


@dataclass(frozen=True)
class DocumentTask:
    seq: int
    verdict: str
    explanation: str
    indicators: tuple[DocumentIndicator, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class DocumentJudgement:
    """The period judgement in the shape the renderers read (render.verdicts.PlanJudgementLike):
    the table, the bulletin and a unit's report say what the pages say, overrides included."""

    tasks: tuple[DocumentTask, ...]
    missing: dict[str, list[int]]


def for_documents(judgement: PeriodJudgement) -> DocumentJudgement:
    """Documents leave the office: an override's reason stays out of them (public_explanation)."""
    tasks = []
    for v in sorted(judgement.tasks.values(), key=lambda v: v.seq):
        indicators = tuple(
            DocumentIndicator(
                i.metric,
                i.kind,
                i.target,
                i.unit,
                i.verdict,
                DocumentEvidence(i.actual, i.actual_unit, i.quote)
                if i.actual is not None
                else None,
            )
            for i in v.indicators
        )
        tasks.append(DocumentTask(v.seq, v.verdict, v.public_explanation, indicators, v.flags))
    return DocumentJudgement(tuple(tasks), judgement.missing)
