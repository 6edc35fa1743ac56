"""Verdict lights for lists (红 behind or stalled, 黄 in progress, 绿 on schedule or completed).

For amounts an office may set its own thresholds, as cities publish them (Yinchuan: yellow from
10 and red from 30 percentage points below 序时进度); without a figure the verdict decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from duban.core.schedule import schedule_share

Light = Literal["red", "yellow", "green"]
_BY_VERDICT: dict[str, Light] = {
    "completed": "green",
    "on_schedule": "green",
    "in_progress": "yellow",
    "behind": "red",
    "stalled": "red",
}


@dataclass(frozen=True)
class LightThresholds:
    """Percentage points below 序时进度 at which an amount turns yellow, then red."""

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
) -> Light:
    """The light of a verdict; with an amount's completion (0.6 = 60 %) the office's thresholds.

    A stalled task is red whatever its figures; "not_reported" has no light of its own here:
    the web shows it apart, never as "no progress".
    """
    if verdict == "stalled" or completion is None or end_month is None:
        return _BY_VERDICT.get(verdict, "yellow")
    thresholds = thresholds or LightThresholds()
    gap = (schedule_share(end_month) - completion) * 100
    if gap >= thresholds.red_below:
        return "red"
    if gap >= thresholds.yellow_below:
        return "yellow"
    return "green"


_SEVERITY = {"green": 0, "yellow": 1, "red": 2}
_JUDGED = ("completed", "on_schedule", "behind")


def task_light(
    verdict: str,
    indicators: list[tuple[str, float | None]] | tuple = (),
    end_month: int | None = None,
    thresholds: LightThresholds | None = None,
) -> Light:
    """A task's light: the worst light of its judged indicators, each given as (verdict,
    completion) with completion only for amounts; by the task's verdict when none is judged.

    A growth or level target below its value stays red whatever the thresholds; an amount
    turns yellow or red by how far it lies below 序时进度. A stalled task is red.
    """
    if verdict == "stalled":
        return "red"
    lights = [
        light_for(v, completion, end_month, thresholds)
        for v, completion in indicators
        if v in _JUDGED
    ]
    if not lights:
        return light_for(verdict)
    return max(lights, key=_SEVERITY.__getitem__)
