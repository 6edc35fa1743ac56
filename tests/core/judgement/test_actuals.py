"""Actual figures from progress texts of the example: kind, sign, scope, evidence span."""

from __future__ import annotations

from duban.core.indicators.actuals import find_actuals

TASK_1_LEAD = (
    "上半年，地区生产总值同比增长12.1%，城乡居民人均可支配收入同比增长11.7%。"
    "1-8月，固定资产投资同比下降4.7%。"
)


def test_it_reads_growth_with_its_sign_and_scope():
    gdp, income, investment = find_actuals(TASK_1_LEAD)
    assert (gdp.kind, gdp.value, gdp.scope, gdp.scope_month) == ("growth", 12.1, "上半年", 6)
    assert (income.value, income.scope) == (11.7, "上半年")
    assert (investment.value, investment.scope, investment.scope_month) == (-4.7, "1-8月", 8)


def test_its_quote_is_the_clause_at_its_offsets():
    *_, investment = find_actuals(TASK_1_LEAD)
    assert investment.clause == "固定资产投资同比下降4.7%"
    assert TASK_1_LEAD[investment.start : investment.end] == investment.clause


def test_it_tells_shares_of_the_target_from_levels():
    text = (
        "1-9月，一般公共预算收入完成91189万元，占预算的86.83%，超时间进度11.8个百分点，增长8.51%。"
    )
    kinds = [(a.kind, a.value) for a in find_actuals(text)]
    assert kinds == [("amount", 91189), ("share", 86.83), ("level", 11.8), ("growth", 8.51)]
    assert find_actuals("城镇新增就业完成3737人，已完成任务的107%。")[1].kind == "share"


def test_the_growth_metric_is_inherited_from_the_sentence():
    text = "1-9月，一般公共预算收入完成91189万元，占预算的86.83%，增长8.51%。"
    growth = find_actuals(text)[-1]
    assert growth.clause == "增长8.51%"
    assert "一般公共预算收入" in growth.sentence_head


def test_it_marks_estimates():
    (a,) = find_actuals("1-9月，固定资产投资预计达2.1亿元。")
    assert a.estimate
    assert not find_actuals("1-9月，固定资产投资15.29亿元。")[0].estimate


def test_an_application_or_a_start_is_no_result():
    (recommended,) = find_actuals("已推荐申报高新技术企业三批次共19家企业。")
    assert not recommended.result
    (started,) = find_actuals("11个老旧小区已全面开工建设。")
    assert not started.result
    (built,) = find_actuals("全区已建成50个公共充电桩。")
    assert built.result


def test_the_count_a_share_is_of_is_no_result():
    count, share = find_actuals("11个老旧小区的改造已完成90%")
    assert (count.kind, count.result) == ("amount", False)
    assert (share.kind, share.value) == ("share", 90)
