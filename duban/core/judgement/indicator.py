"""Judging one indicator: its facts against the schedule, the verdict, the sentence that says it."""

from __future__ import annotations

from duban.core.indicators.targets import TargetIndicator
from duban.core.judgement.match import Match
from duban.core.judgement.milestones import MilestoneEvidence
from duban.core.judgement.results import ActualEvidence, IndicatorJudgement
from duban.core.judgement.tolerances import Tolerances
from duban.core.judgement.verdicts import (
    Facts,
    IndicatorVerdict,
    Verdict,
    indicator_facts,
    indicator_sentence,
    indicator_verdict,
)
from duban.core.schedule import Schedule


def indicator_judgement(
    ind: TargetIndicator,
    verdict: IndicatorVerdict,
    evidence: ActualEvidence | None,
    sentence: str,
    facts: Facts | None = None,
    schedule: Schedule | None = None,
    source: str = "text",
) -> IndicatorJudgement:
    completion = facts.ratio if facts is not None and facts.kind == "amount" else None
    return IndicatorJudgement(
        ind.metric,
        ind.kind,
        ind.comparator,
        ind.value,
        ind.unit,
        verdict,
        evidence,
        sentence,
        ind.project,
        completion=completion,
        schedule_share=schedule.share if schedule is not None else None,
        source=source,
        schedule=schedule.basis if schedule is not None else "year",
    )


def judge_indicator(
    ind: TargetIndicator,
    match: Match,
    m: int,
    schedule: Schedule,
    tolerances: Tolerances,
    from_column: bool,
    *,
    whole: bool = False,
) -> IndicatorJudgement:
    facts = indicator_facts(ind, match, schedule.share, tolerances)
    verdict, words = indicator_verdict(facts)
    evidence = None
    scope = ""
    if match.found is not None:
        a, f = match.found.actual, match.found
        scope = a.scope or f"1-{m}月"
        evidence = ActualEvidence(
            a.value, a.unit, scope, f.reporter, a.clause, f.report_index, a.start, a.end
        )
    said = schedule.words if schedule.basis != "year" else ""
    if whole and match.found is not None and facts is not None:
        # "表内当前进度：80%(…)，序时进度83.3%，滞后": the document's measure of the whole task.
        due = f"序时进度{facts.due * 100:.1f}%" + (f"，{said}" if said else "")
        said_as = match.found.actual.clause
        said_as = f"表内{said_as}" if from_column else f"“{said_as}”"
        sentence = f"{said_as}（{scope}），{due}，{words}"
    else:
        sentence = indicator_sentence(ind, match, facts, words, scope, said)
    source = "column" if from_column else "text"
    return indicator_judgement(ind, verdict, evidence, sentence, facts, schedule, source)


def by_milestone(milestone: MilestoneEvidence, verdict: Verdict) -> tuple[Verdict, str]:
    """形象进度 decides: met is on schedule (completed when the rest says so), not met behind."""
    if not milestone.met:
        return "behind", milestone.sentence
    return ("completed" if verdict == "completed" else "on_schedule"), milestone.sentence


def milestone_judgement(milestone: MilestoneEvidence, schedule: Schedule) -> IndicatorJudgement:
    return IndicatorJudgement(
        "形象进度",
        "milestone",
        ">=",
        1.0,
        "",
        "on_schedule" if milestone.met else "behind",
        None,
        milestone.sentence,
        schedule_share=schedule.share,
        source="milestone",
        schedule=schedule.basis,
    )
