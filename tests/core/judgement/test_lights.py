"""Verdict lights with the office's thresholds below 序时进度."""

from __future__ import annotations

import pytest

from duban.core.judgement.lights import LightThresholds, light_for


@pytest.mark.parametrize(
    ("verdict", "light"),
    [
        ("completed", "green"),
        ("on_schedule", "green"),
        ("in_progress", "yellow"),
        ("behind", "red"),
        ("stalled", "red"),
    ],
)
def test_without_a_figure_the_verdict_decides(verdict, light):
    assert light_for(verdict) == light


def test_an_amounts_gap_below_the_schedule_decides_with_the_thresholds():
    # Q3: 75% due. 70% is 5 points below, 60% is 15 below, 40% is 35 below.
    assert light_for("behind", 0.70, 9) == "green"
    assert light_for("behind", 0.60, 9) == "yellow"
    assert light_for("behind", 0.40, 9) == "red"
    strict = LightThresholds(yellow_below=0, red_below=10)
    assert light_for("behind", 0.70, 9, strict) == "yellow"


def test_stalled_is_red_whatever_its_figures():
    assert light_for("stalled", 0.9, 9) == "red"


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        LightThresholds(yellow_below=30, red_below=10)
