"""Verdict lights for lists: a light never contradicts its verdict.

已完成 and 达序时进度 are green; 停滞 red; 滞后 yellow or red by how far an amount lies below what is
due (the office's thresholds; Yinchuan publishes red from 30 percentage points below 序时进度);
推进中 and 未报送 have no light (None): nothing measured, nothing to colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from duban.core.judgement.results import TaskJudgement
from duban.core.schedule import schedule_share

Light = Literal["red", "yellow", "green"]
_BY_VERDICT: dict[str, Light] = {
    "completed": "green",
    "on_schedule": "green",
    "behind": "red",
    "stalled": "red",
}


@dataclass(frozen=True)
class LightThresholds:
    """Percentage points below 序时进度 at which a behind amount is red (`red_below`); nearer
    it is yellow. `yellow_below` is kept for the office's page: a behind amount is never green,
    so it is yellow from 0 up to `red_below` whatever `yellow_below` says."""

    yellow_below: float = 10.0
    red_below: float = 30.0

    def __post_init__(self) -> None:
        if not 0 <= self.yellow_below <= self.red_below <= 100:
            raise ValueError("thresholds need 0 ≤ yellow_below ≤ red_below ≤ 100")


def light_for(
    verdict: str,
    completion: float | None = None,
    end_month: int | None = None,
    thresholds: LightThresholds | None = None,
    due: float | None = None,
) -> Light | None:
    """The light of a verdict; for a behind amount (completion 0.6 = 60 %) the office's red
    threshold below what is due (`due`, else m/12 of `end_month`) decides yellow or red."""
    if due is None and end_month is not None:
        due = schedule_share(end_month)
    if verdict != "behind" or completion is None or due is None:
        return _BY_VERDICT.get(verdict)
    thresholds = thresholds or LightThresholds()
    share = due
    gap = (share - completion) * 100
    return "red" if gap >= thresholds.red_below else "yellow"


_SEVERITY = {"green": 0, "yellow": 1, "red": 2}
# (verdict, completion) or (verdict, completion, share due) of each indicator.
IndicatorLight = tuple[str, float | None] | tuple[str, float | None, float | None]


def task_light(
    verdict: str,
    indicators: Sequence[IndicatorLight] = (),
    end_month: int | None = None,
    thresholds: LightThresholds | None = None,
) -> Light | None:
    """A task's light, from its verdict: green for 已完成 and 达序时进度, red for 停滞, none for
    推进中 and 未报送; for 滞后 the worst light of its behind indicators (completion only for
    amounts: a growth or level target below its value is red), red when none says more."""
    if verdict != "behind":
        return _BY_VERDICT.get(verdict)
    lights = [
        light_for("behind", ind[1], end_month, thresholds, ind[2] if len(ind) > 2 else None)
        for ind in indicators
        if ind[0] == "behind"
    ]
    known = [light for light in lights if light is not None]
    if not known:
        return "red"
    return max(known, key=_SEVERITY.__getitem__)


def judgement_light(task: TaskJudgement, thresholds: LightThresholds | None = None) -> Light | None:
    """A judged task's light, each amount measured against its own share due (a deadline's,
    a span's or m/12): what pages read instead of assembling the pairs themselves."""
    pairs: list[IndicatorLight] = [
        (i.verdict, i.completion if i.kind == "amount" else None, i.schedule_share)
        for i in task.indicators
    ]
    return task_light(task.verdict, pairs, None, thresholds)
