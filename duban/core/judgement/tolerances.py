"""How near a target counts as meeting it: the office's tolerances for 左右/约 targets.

The defaults are those docs/judgement.md states; the web stores an organization's own values and
passes them to `judge_plan`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerances:
    """左右/约 (about) targets: a growth or level target is met down to `about_points`
    percentage points below it (5.8% against 6%左右); an amount is on schedule at
    `about_amount_share` of what is due (95%)."""

    about_points: float = 0.5
    about_amount_share: float = 0.95

    def __post_init__(self) -> None:
        if not 0 <= self.about_points <= 5:
            raise ValueError("about_points must be between 0 and 5 percentage points")
        if not 0.5 <= self.about_amount_share <= 1:
            raise ValueError("about_amount_share must be between 0.5 and 1")


DEFAULT_TOLERANCES = Tolerances()
