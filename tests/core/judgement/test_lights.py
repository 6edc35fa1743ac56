"""Verdict lights with the office's thresholds below 序时进度."""

from __future__ import annotations

import pytest

from duban.core.judgement.lights import LightThresholds, light_for, task_light


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


def test_a_task_takes_the_worst_light_of_its_judged_indicators():
    # 4900 户 at 60 % in September is 15 points below 序时 (yellow); a growth target met is green.
    assert task_light("behind", [("behind", 0.60), ("on_schedule", None)], 9) == "yellow"
    # A growth target below its value is red whatever the thresholds.
    assert task_light("behind", [("behind", None), ("completed", 1.1)], 9) == "red"
    assert task_light("completed", [("completed", 1.07)], 9) == "green"


def test_indicators_without_a_comparable_figure_do_not_colour_the_task():
    assert task_light("in_progress", [("unknown", None)], 9) == "yellow"
    assert task_light("on_schedule", [("unknown", None), ("on_schedule", 0.8)], 9) == "green"


def test_the_office_thresholds_colour_a_task():
    strict = LightThresholds(yellow_below=3, red_below=10)
    assert task_light("behind", [("behind", 0.70)], 9, strict) == "yellow"
    assert task_light("behind", [("behind", 0.60)], 9, strict) == "red"


def test_a_stalled_task_is_red_even_with_figures_on_schedule():
    assert task_light("stalled", [("on_schedule", 0.9)], 9) == "red"
