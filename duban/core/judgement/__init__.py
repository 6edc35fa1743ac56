"""Judge every task of a plan for its period: indicators, a verdict with its evidence, and flags.

`judge_plan(plan)` is the one entry; `judgement_to_dict` is the stable JSON shape of
`duban judge --json` (keys may be added, never changed).
"""

from __future__ import annotations

import re

from duban.core.indicators.actuals import EARLY_STAGES, ESTIMATE
from duban.core.indicators.targets import target_indicators
from duban.core.judgement.columns import (
    column_figures,
    column_matches,
    column_target_indicator,
    document_stance,
    document_status,
    status_flags,
    whole_task_indicator,
    whole_work_indicator,
)
from duban.core.judgement.explain import explanation
from duban.core.judgement.flags import (
    Flag,
    FlagSettings,
    blocked_flags,
    estimate_flags,
    inconsistent_flags,
    missing_report_flags,
    reused_flags,
    stale_flags,
    unchanged_flags,
    unlisted_reporter_flags,
    vague_flags,
)
from duban.core.judgement.indicator import (
    by_milestone,
    indicator_judgement,
    judge_indicator,
    milestone_judgement,
)
from duban.core.judgement.match import (
    Match,
    ReportedActual,
    match_indicators,
    reported_actuals,
    whole_work_share,
)
from duban.core.judgement.milestones import milestone_evidence
from duban.core.judgement.output import judgement_to_dict
from duban.core.judgement.results import (
    ActualEvidence,
    IndicatorJudgement,
    PlanJudgement,
    TaskJudgement,
)
from duban.core.judgement.tolerances import DEFAULT_TOLERANCES, Tolerances
from duban.core.judgement.verdicts import (
    ALL_DONE,
    BLOCKED,
    ONGOING,
    TaskFacts,
    Verdict,
    indicator_sentence,
    is_blocked,
    is_done,
    parts,
    short_of_target,
    task_verdict,
)
from duban.core.model import Period, Plan, Task
from duban.core.schedule import task_schedule
from duban.core.units import GENERAL, Registry

__all__ = [
    "ActualEvidence",
    "Flag",
    "FlagSettings",
    "IndicatorJudgement",
    "PlanJudgement",
    "TaskJudgement",
    "Tolerances",
    "judge_plan",
    "judge_task",
    "judgement_to_dict",
]


DEFAULT_PERIOD = Period("全年", 12)
PERIOD_PLAN = re.compile(r"(?:月度|季度|本月|本季度?|阶段|工作)计划|月度目标|本期目标")
# A plan without any report has no period: its targets are for the year, and nothing is judged.
NO_PROGRESS_PERIOD = Period("无报送期（任务分解方案）", 12)
DEFAULT_SETTINGS = FlagSettings()
NOTHING_TO_JUDGE = "任务分解方案，尚无进展情况，不作研判"


def judge_plan(
    plan: Plan,
    previous: Plan | None = None,
    thresholds: FlagSettings = DEFAULT_SETTINGS,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
) -> PlanJudgement:
    """Every task's verdict for the plan's period (a plan without a period is judged at year end).

    A decomposition plan (任务分解方案: targets and units, no progress at all) is not judged: its
    judgement says so (`kind`, `notice`), and each task's targets are listed with nothing against
    them.
    Units are read with the plan's registry (`plan.units`: the organization's units);
    `tolerances` are the office's for 左右 targets (docs/judgement.md states the defaults).
    """
    reporting = any(r.text.strip() for t in plan.tasks for r in t.reports) or any(
        f.role in ("actual", "share") for t in plan.tasks for f in t.figures
    )
    if not reporting and (plan.kind == "decomposition" or plan.period is None):
        return _nothing_to_judge(plan)
    period = plan.period or _period_of_columns(plan) or DEFAULT_PERIOD
    reused = reused_flags(plan, thresholds)
    before = {t.seq: t for t in previous.tasks} if previous is not None else {}
    units = plan.units.at_level(plan.level)
    return PlanJudgement(
        period,
        tuple(
            judge_task(
                t,
                period,
                before.get(t.seq),
                thresholds,
                reused.get(t.seq, ()),
                reporting,
                units=units,
                tolerances=tolerances,
                year=plan.year,
            )
            for t in plan.tasks
        ),
    )


def _period_of_columns(plan: Plan) -> Period | None:
    """A table whose title names no period: the latest its figure columns state (1-7月完成)."""
    stated = [
        f.period
        for t in plan.tasks
        for f in t.figures
        if f.role in ("actual", "share") and f.period is not None
    ]
    return max(stated, key=lambda p: p.end_month) if stated else None


def _nothing_to_judge(plan: Plan) -> PlanJudgement:
    period = plan.period or NO_PROGRESS_PERIOD
    tasks = []
    for task in plan.tasks:
        indicators = tuple(
            indicator_judgement(
                ind,
                "unknown",
                None,
                indicator_sentence(ind, Match(ind, None, "尚无进展情况"), None, "", ""),
            )
            for ind in target_indicators(task.target)
        )
        tasks.append(
            TaskJudgement(task.seq, "in_progress", NOTHING_TO_JUDGE, indicators, (), judged=False)
        )
    count = len(tasks)
    what = "任务分解方案" if plan.kind == "decomposition" else "没有任何进展情况的任务表"
    notice = f"这是{what}（{count}项任务），没有进展情况可供研判；各项只列出目标，不作判断。"
    return PlanJudgement(period, tuple(tasks), "decomposition", notice)


def judge_task(
    task: Task,
    period: Period,
    previous: Task | None = None,
    thresholds: FlagSettings = DEFAULT_SETTINGS,
    reused: tuple[Flag, ...] | list[Flag] = (),
    reporting: bool = True,
    *,
    units: Registry = GENERAL,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
    year: int | None = None,
) -> TaskJudgement:
    """One task's verdict; `reporting` False for a plan nobody has reported on yet (a
    decomposition table), where a missing report is no news. `units` is the organization's
    registry (which unit answers under which responsibility); `year` the plan's, when the
    period does not say it (a deadline of another year)."""
    m = period.end_month
    this_year = period.year if period.year is not None else year
    schedule = task_schedule(
        task.target,
        m,
        year=this_year,
        deadline=task.deadline,
        due_year=task.due_year,
        due_month=task.due_month,
    )
    indicators = target_indicators(task.target)
    figures = reported_actuals(task, only_if=None if indicators else ESTIMATE)
    matches = list(match_indicators(task, indicators, m, figures, this_year))
    columns = column_figures(task, period)
    stated = column_target_indicator(task, indicators, columns)
    if stated is not None:
        indicators += (stated,)
        matches.append(Match(stated, None))
    from_columns = column_matches(task, indicators, columns, period)
    for i, match in from_columns.items():
        matches[i] = match
    judged = [
        judge_indicator(ind, match, m, schedule, tolerances, i in from_columns)
        for i, (ind, match) in enumerate(zip(indicators, matches, strict=True))
    ]
    if columns.share is not None and not from_columns:
        ind, match = whole_task_indicator(columns, task)
        judged.append(judge_indicator(ind, match, m, schedule, tolerances, True, whole=True))
    elif all(match.found is None for match in matches):
        found = whole_work_share(figures)
        if found is not None:
            ind, match = whole_work_indicator(found)
            judged.append(judge_indicator(ind, match, m, schedule, tolerances, False, whole=True))
    milestone = milestone_evidence(task, period)
    all_parts = [p for r in task.reports for _, p in parts(r.text)]
    blocked = [p for p in all_parts if is_blocked(p)]
    # The document's own measure of the work shows it moving: not stalled as a whole.
    moving = any(j.source == "column" and j.actual and j.actual.value > 0 for j in judged)
    growth_of_the_year = m < 12 and bool(indicators) and all(i.kind == "growth" for i in indicators)
    facts = TaskFacts(
        verdicts=tuple(j.verdict for j in judged),
        stalled=bool(blocked)
        and not moving
        and all(is_blocked(p) or is_done(p) for p in all_parts),
        # "已全部完成选址": a stage done, not the work.
        all_done=any(ALL_DONE.search(p) and not EARLY_STAGES.search(p) for p in all_parts)
        and all(is_done(p) for p in all_parts)
        and not any(short_of_target(r.text) for r in task.reports)
        # Beside a plan of the period (月度工作计划 | 4月:…), "已完成" says that plan is done,
        # not the year's task.
        and not any(PERIOD_PLAN.search(header) for header, _ in task.extra)
        # A growth of the year (增长6%左右) is not done by a word before the year is out.
        and not growth_of_the_year,
        under_way=any(ONGOING.search(p) and not BLOCKED.search(p) for p in all_parts),
    )
    evidence = bool(task.reports) or columns.any
    verdict = task_verdict(facts) if evidence else "in_progress"
    said = explanation(task, verdict, judged, blocked, all_parts)
    if (
        verdict == "in_progress"
        and growth_of_the_year
        and any(ALL_DONE.search(p) for p in all_parts)
    ):
        said += "（文字称已完成但未给出增长数字，全年增长目标年中不按文字认定完成）"
    written = document_status(task, period)
    if verdict == "in_progress" and written and document_stance(task, period) == "behind":
        # Nothing measured, and the document itself says behind: that is the evidence.
        verdict, said = "behind", f"{said}；表内自评“{written}”，按表内自评为滞后"
    if milestone is not None:
        verdict, said = by_milestone(milestone, verdict)
        judged.insert(0, milestone_judgement(milestone, schedule))
    flags = _flags(task, period, previous, thresholds, matches, figures, verdict, units)
    flags += status_flags(task, period, verdict)
    flags += list(reused)
    if not reporting or (columns.any and not task.reports):
        # No report asked of a task whose progress is the document's own columns.
        flags = [f for f in flags if f.kind != "missing_report"]
    return TaskJudgement(
        task.seq,
        verdict,
        said,
        tuple(judged),
        tuple(flags),
        document_status=written,
    )


def _flags(
    task: Task,
    period: Period,
    previous: Task | None,
    thresholds: FlagSettings,
    matches: list[Match],
    figures: tuple[ReportedActual, ...],
    verdict: Verdict,
    units: Registry,
) -> list[Flag]:
    out = missing_report_flags(task, units) + unlisted_reporter_flags(task, units)
    out += vague_flags(task, thresholds)
    out += unchanged_flags(task, previous, thresholds)
    if verdict != "stalled":
        out += blocked_flags(task)
    out += stale_flags(task, period.end_month, period.label)
    out += estimate_flags(task, figures)
    out += inconsistent_flags(task, matches, figures, units.level)
    return out
