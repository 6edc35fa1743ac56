"""形象进度 as evidence: the state a task should reach by the period, and the office's word on it.

When the office fixed a milestone for the period and said, on review, whether the report reaches
it (Report.milestone_met), that decides the verdict before any figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from duban.core.model import Milestone, Period, Task


@dataclass(frozen=True)
class MilestoneEvidence:
    milestone: Milestone
    met: bool

    @property
    def sentence(self) -> str:
        said = "已达到" if self.met else "未达到"
        verdict = "达序时进度" if self.met else "滞后"
        m = self.milestone
        return f"形象进度（{m.label}）“{m.text}”，督查室认定{said}，{verdict}"


def milestone_evidence(task: Task, period: Period) -> MilestoneEvidence | None:
    """The period's milestone and whether every report the office reviewed reaches it."""
    due = [m for m in task.milestones if m.end_month == period.end_month]
    said = [
        r.milestone_met
        for r in task.reports
        if r.milestone_met is not None
        and (r.period is None or r.period.end_month == period.end_month)
    ]
    if not due or not said:
        return None
    return MilestoneEvidence(due[-1], all(said))
