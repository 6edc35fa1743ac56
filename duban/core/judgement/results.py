"""What a judgement is made of: the evidence, each indicator's and each task's judgement, the
plan's. Frozen values every page, export and API answer reads."""

from __future__ import annotations

from dataclasses import dataclass

from duban.core.judgement.flags import Flag
from duban.core.judgement.verdicts import IndicatorVerdict, Verdict
from duban.core.model import Period


@dataclass(frozen=True)
class ActualEvidence:
    """The figure an indicator was judged on, and where it is written."""

    value: float
    unit: str
    scope: str
    reporter: str | None
    quote: str
    report_index: int  # which of the task's reports
    start: int  # offsets of the quote in that report's text
    end: int


@dataclass(frozen=True)
class IndicatorJudgement:
    metric: str
    kind: str
    comparator: str
    value: float
    unit: str
    verdict: IndicatorVerdict
    actual: ActualEvidence | None
    explanation: str
    project: str = ""  # the project a project table names before the metric
    # actual ÷ target for amounts, both in base units (万/亿 and shares applied); None for
    # growth, level and upper-bound targets and where no figure was matched. Pages, exports
    # and the API read this; none of them divides on its own.
    completion: float | None = None
    schedule_share: float | None = None  # 序时: the share of the target due by the period
    source: str = "text"  # where the actual came from: text | column | milestone
    schedule: str = "year"  # the schedule used: year (m/12) | deadline | span


@dataclass(frozen=True)
class TaskJudgement:
    seq: int
    verdict: Verdict
    explanation: str
    indicators: tuple[IndicatorJudgement, ...] = ()
    flags: tuple[Flag, ...] = ()
    judged: bool = True  # False: the document has no progress to judge (a decomposition plan)
    # The document's own status columns of the period as written (是否达序：否), None when none;
    # shown beside the verdict, a disagreement is a flag (status_disagrees).
    document_status: str | None = None


@dataclass(frozen=True)
class PlanJudgement:
    period: Period
    tasks: tuple[TaskJudgement, ...] = ()
    # "decomposition": a plan of who does what with no progress at all (任务分解方案), where
    # nothing is judged; `notice` says so in one sentence.
    kind: str = "progress"
    notice: str = ""

    def task(self, seq: int) -> TaskJudgement:
        return next(t for t in self.tasks if t.seq == seq)
