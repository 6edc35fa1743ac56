"""Verdict lights: a light never contradicts its verdict; the office's thresholds colour 滞后."""

from __future__ import annotations

import pytest

from duban.core.judgement.lights import LightThresholds, judgement_light, light_for, task_light


@pytest.mark.parametrize(
    ("verdict", "light"),
    [
        ("completed", "green"),
        ("on_schedule", "green"),
        ("in_progress", None),
        ("not_reported", None),
        ("behind", "red"),
        ("stalled", "red"),
    ],
)
def test_without_a_figure_the_verdict_decides(verdict, light):
    assert light_for(verdict) == light


def test_a_behind_amount_is_yellow_or_red_by_the_red_threshold_never_green():
    # Q3: 75% due. 70% is 5 points below, 60% is 15 below, 40% is 35 below.
    assert light_for("behind", 0.70, 9) == "yellow"
    assert light_for("behind", 0.60, 9) == "yellow"
    assert light_for("behind", 0.40, 9) == "red"
    strict = LightThresholds(yellow_below=0, red_below=10)
    assert light_for("behind", 0.60, 9, strict) == "red"
    assert light_for("behind", 0.70, 9, strict) == "yellow"


def test_an_amount_due_by_its_own_deadline_is_measured_against_that():
    # 50% done of a task due in June, judged in September: 100% due, 50 points below.
    assert light_for("behind", 0.50, 9, due=1.0) == "red"
    assert light_for("behind", 0.50, 9) == "yellow"


def test_green_verdicts_stay_green_whatever_their_figures():
    assert light_for("on_schedule", 0.2, 9) == "green"
    assert light_for("completed", 1.2, 9) == "green"


def test_stalled_is_red_whatever_its_figures():
    assert light_for("stalled", 0.9, 9) == "red"


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        LightThresholds(yellow_below=30, red_below=10)


def test_a_behind_task_takes_the_worst_light_of_its_behind_indicators():
    assert task_light("behind", [("behind", 0.60), ("on_schedule", None)], 9) == "yellow"
    # A growth target below its value is red whatever the thresholds.
    assert task_light("behind", [("behind", None), ("completed", 1.1)], 9) == "red"
    assert task_light("behind", [("behind", 0.62, 1.0)], 9) == "red"


def test_a_green_verdict_is_a_green_task():
    assert task_light("completed", [("completed", 1.07)], 9) == "green"
    assert task_light("on_schedule", [("unknown", None), ("on_schedule", 0.8)], 9) == "green"


@pytest.mark.parametrize("verdict", ["in_progress", "not_reported"])
def test_nothing_measured_has_no_light(verdict):
    assert task_light(verdict, [("unknown", None)], 9) is None
    assert task_light(verdict) is None


def test_the_office_thresholds_colour_a_behind_task():
    strict = LightThresholds(yellow_below=3, red_below=10)
    assert task_light("behind", [("behind", 0.70)], 9, strict) == "yellow"
    assert task_light("behind", [("behind", 0.60)], 9, strict) == "red"


def test_a_stalled_task_is_red_even_with_figures_on_schedule():
    assert task_light("stalled", [("on_schedule", 0.9)], 9) == "red"


def test_a_behind_task_without_figures_is_red():
    assert task_light("behind") == "red"


def test_a_judged_task_is_lit_against_its_own_deadline():
    from duban.core.judgement import judge_plan
    from duban.core.model import Figure, Period, Task

    from .plans import plan, unit

    row = Task(
        1,
        "改造燃气管网40公里",
        (unit("县住建局"),),
        figures=(Figure("target", 40, "公里", "目标"), Figure("actual", 26, "公里", "完成")),
        deadline="6月底前",
        due_month=6,
    )
    judged = judge_plan(plan(row, period=Period("1-9月", 9, 2024))).tasks[0]
    assert judged.verdict == "behind"
    # 65% done, 100% due by June: 35 points below, red (by m/12 it would be 10 below, yellow).
    assert judgement_light(judged) == "red"
    assert task_light("behind", [("behind", 0.65)], 9) == "yellow"
