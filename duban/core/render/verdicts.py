"""What the renderers need from a judgement, as protocols, and the Chinese words for verdicts.

The judgement package (`duban.core.judgement.judge_plan`) returns objects of this shape; typing
against a protocol keeps the bulletin testable with hand-made judgements.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Protocol

from duban.core.judgement.labels import FLAG_LABELS, VERDICT_LABELS

# The order a bulletin counts them in; "not_reported" is the renderer's own category for a task
# with no report at all, which must never read as "no progress". "closed" (已办结, a kind of
# completed) is named first, apart from 已完成, so the two add up to what pages count as done.
VERDICT_ORDER = (
    "closed",
    "completed",
    "on_schedule",
    "behind",
    "stalled",
    "in_progress",
    "not_reported",
)
__all__ = ["FLAG_LABELS", "VERDICT_LABELS", "VERDICT_ORDER", "by_seq", "name_of", "verdict_label"]


# Read-only members: frozen dataclasses (the core's judgement, the web's period judgement for
# documents) satisfy them.
class ActualLike(Protocol):
    @property
    def value(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def quote(self) -> str: ...


class IndicatorLike(Protocol):
    @property
    def metric(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def verdict(self) -> object: ...  # a verdict name, or an Enum whose value is one
    @property
    def actual(self) -> ActualLike | None: ...


class FlagLike(Protocol):
    @property
    def kind(self) -> object: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def reason(self) -> str: ...


class TaskJudgementLike(Protocol):
    @property
    def seq(self) -> int: ...
    @property
    def verdict(self) -> object: ...
    @property
    def explanation(self) -> str: ...
    @property
    def indicators(self) -> Sequence[IndicatorLike]: ...
    @property
    def flags(self) -> Sequence[FlagLike]: ...


class PlanJudgementLike(Protocol):
    @property
    def tasks(self) -> Sequence[TaskJudgementLike]: ...


def name_of(value: object) -> str:
    """A verdict or flag kind as its plain name, whether given as a str or an Enum."""
    return str(value.value) if isinstance(value, Enum) else str(value)


def verdict_label(value: object) -> str:
    name = name_of(value)
    return VERDICT_LABELS.get(name, name)


def by_seq(judgement: PlanJudgementLike) -> dict[int, TaskJudgementLike]:
    return {t.seq: t for t in judgement.tasks}
