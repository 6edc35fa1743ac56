"""左右/约 targets met within the office's tolerances; 以内/不超过/控制在 targets are upper bounds."""

from __future__ import annotations

import pytest

from duban.core.judgement import Tolerances, judge_plan
from duban.core.model import Period

from .plans import plan, report, task

JUNE = Period("上半年", 6, 2023)


def judged(target: str, text: str, tolerances: Tolerances | None = None, period=JUNE):
    p = plan(task(1, target, report(text)), period=period)
    return judge_plan(p, tolerances=tolerances or Tolerances()).tasks[0]


def test_an_about_growth_target_is_met_half_a_point_below_it():
    t = judged("规上工业增加值增长7%左右。", "上半年规上工业增加值增长6.6%。")
    assert t.verdict == "on_schedule"
    assert "差距在0.5个百分点以内" in t.explanation


def test_an_about_growth_target_is_behind_further_below():
    assert judged("规上工业增加值增长7%左右。", "规上工业增加值增长6.4%。").verdict == "behind"


def test_an_at_least_growth_target_has_no_tolerance():
    assert judged("规上工业增加值增长7%以上。", "规上工业增加值增长6.9%。").verdict == "behind"


def test_the_office_may_set_its_own_points():
    strict = Tolerances(about_points=0.2)
    assert judged("规上工业增加值增长7%左右。", "规上工业增加值增长6.6%。", strict).verdict == (
        "behind"
    )


def test_an_about_amount_is_on_schedule_at_95_percent_of_what_is_due():
    # Half the year: 400 of 800 due; 385 is 96% of that.
    t = judged("全年新增城镇就业800人左右。", "上半年新增城镇就业385人。")
    assert t.verdict == "on_schedule"
    assert t.indicators[0].completion == pytest.approx(385 / 800)
    assert judged("全年新增城镇就业800人左右。", "上半年新增城镇就业370人。").verdict == "behind"
    assert judged("全年新增城镇就业800人。", "上半年新增城镇就业385人。").verdict == "behind"


def test_an_upper_bound_is_met_by_any_figure_below_it_and_has_no_completion():
    t = judged("城镇调查失业率控制在5.5%以内。", "城镇调查失业率为4.1%。")
    assert t.verdict == "on_schedule"
    (ind,) = t.indicators
    assert (ind.comparator, ind.completion) == ("<=", None)
    assert judged("城镇调查失业率控制在5.5%以内。", "城镇调查失业率为5.9%。").verdict == "behind"


def test_not_more_than_is_an_upper_bound_too():
    t = judged("安全生产事故死亡人数不超过3人。", "安全生产事故死亡人数2人。")
    assert t.indicators[0].comparator == "<="
    assert t.verdict == "on_schedule"


@pytest.mark.parametrize(
    "kwargs", [{"about_points": -1}, {"about_points": 9}, {"about_amount_share": 1.2}]
)
def test_tolerances_out_of_bounds_are_refused(kwargs):
    with pytest.raises(ValueError):
        Tolerances(**kwargs)


@pytest.mark.parametrize(
    ("target", "text", "verdict"),
    [
        ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗同比下降3.4%。", "on_schedule"),
        ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗同比下降2.1%。", "behind"),
        ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗同比增长1.2%。", "behind"),
        ("细颗粒物平均浓度下降5%左右。", "细颗粒物平均浓度同比下降4.6%。", "on_schedule"),
        ("细颗粒物平均浓度下降5%左右。", "细颗粒物平均浓度同比下降4.2%。", "behind"),
    ],
)
def test_a_fall_to_reach_is_met_by_falling_at_least_as_far(target, text, verdict):
    t = judged(target, text)
    assert t.verdict == verdict
    assert t.indicators[0].value < 0 and t.indicators[0].completion is None


def test_a_fall_explains_itself_as_a_fall():
    t = judged("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗同比下降2.1%。")
    assert "目标下降3%" in t.explanation
    assert "降幅低于目标0.9个百分点" in t.explanation


def test_an_about_growth_target_after_a_colon_is_met_half_a_point_below_it():
    t = judged("一般公共预算收入：增长5%左右", "上半年一般公共预算收入同比增长4.6%。")
    assert t.verdict == "on_schedule"
    assert t.indicators[0].metric == "一般公共预算收入"
    assert "差距在0.5个百分点以内" in t.explanation
    assert judged("一般公共预算收入：增长5%左右", "一般公共预算收入增长4.4%。").verdict == "behind"


def test_a_growth_stated_only_for_its_urban_and_rural_halves_is_the_lower_half():
    target = "居民人均消费支出增长7%。"
    t = judged(target, "上半年城镇居民人均消费支出增长7.4%，农村居民增长6.1%。")
    assert (t.indicators[0].actual.value, t.verdict) == (6.1, "behind")
    assert judged(target, "城镇居民人均消费支出增长7.4%，农村居民增长7.2%。").verdict == (
        "on_schedule"
    )
    # The whole stated, its parts after 其中 do not decide.
    t = judged(target, "居民人均消费支出增长7.3%，其中农村居民增长6.1%。")
    assert (t.indicators[0].actual.value, t.verdict) == (7.3, "on_schedule")
