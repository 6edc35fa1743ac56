"""Hand-made judgements in the shape duban.core.judgement returns, built from the example's phrases."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actual:
    value: float
    unit: str
    quote: str


@dataclass(frozen=True)
class Indicator:
    metric: str
    kind: str
    value: float
    unit: str
    verdict: str
    actual: Actual | None = None


@dataclass(frozen=True)
class Flag:
    kind: str
    unit: str | None
    reason: str


@dataclass(frozen=True)
class TaskJudgement:
    seq: int
    verdict: str
    explanation: str
    indicators: tuple[Indicator, ...] = ()
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class PlanJudgement:
    tasks: tuple[TaskJudgement, ...] = field(default=())


BEHIND_1 = "固定资产投资同比下降4.7%，低于目标9.7个百分点"
STALLED_39 = "智能化电动工具项目，因企业方投资暂缓，项目已搁置"
VAGUE_98 = "只有“各项工作积极开展，落实有力”等概括性表述，没有数字、项目或时间"


def example_judgement(plan) -> PlanJudgement:
    """Task 1 behind, 39 stalled, 2 on schedule, 11 completed, 98 flagged vague; others in progress."""
    special = {
        1: TaskJudgement(
            1,
            "behind",
            BEHIND_1,
            (
                Indicator(
                    "固定资产投资",
                    "growth",
                    5.0,
                    "%",
                    "behind",
                    Actual(-4.7, "%", "固定资产投资同比下降4.7%"),
                ),
                Indicator(
                    "地区生产总值",
                    "growth",
                    6.0,
                    "%",
                    "on_schedule",
                    Actual(12.1, "%", "地区生产总值同比增长12.1%"),
                ),
            ),
        ),
        2: TaskJudgement(2, "on_schedule", "一般公共预算收入增长8.51%，高于目标5%"),
        11: TaskJudgement(11, "completed", "=已完成全年目标"),
        39: TaskJudgement(39, "stalled", STALLED_39, flags=(Flag("blocked", None, STALLED_39),)),
        98: TaskJudgement(98, "in_progress", "", flags=(Flag("vague", "区人武部", VAGUE_98),)),
    }
    return PlanJudgement(
        tuple(special.get(t.seq, TaskJudgement(t.seq, "in_progress", "")) for t in plan.tasks)
    )
