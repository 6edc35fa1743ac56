"""Target indicators from target texts of the example."""

from __future__ import annotations

from duban.core.indicators.targets import target_indicators


def rows(target: str):
    return [(i.metric, i.kind, i.comparator, i.value, i.unit) for i in target_indicators(target)]


def test_it_reads_growth_targets_with_their_comparators():
    assert rows(
        "地区生产总值增长6%以上，固定资产投资增长5%左右，城乡居民人均可支配收入增长6%左右。"
    ) == [
        ("地区生产总值", "growth", ">=", 6, "%"),
        ("固定资产投资", "growth", "~", 5, "%"),
        ("城乡居民人均可支配收入", "growth", "~", 6, "%"),
    ]


def test_it_reads_amounts_in_the_unit_as_written():
    assert rows("新增管道天然气用户4900户、集中供热面积50万平方米。") == [
        ("新增管道天然气用户", "amount", ">=", 4900, "户"),
        ("集中供热面积", "amount", ">=", 50, "万平方米"),
    ]
    assert rows("实行积极的就业政策，城镇新增就业3500人。") == [
        ("城镇新增就业", "amount", ">=", 3500, "人")
    ]


def test_a_size_that_describes_what_is_sought_is_no_indicator():
    # "投资50亿元大项目": the size of the projects sought, not an amount to reach.
    assert rows("新招引过亿元项目20个以上，并力争在投资50亿元大项目招引上实现突破。") == [
        ("新招引过亿元项目", "amount", ">=", 20, "个")
    ]


def test_the_metric_may_follow_the_number():
    assert rows("加快推进11个老旧小区改造，巩固提升背街小巷治理成效。") == [
        ("老旧小区改造", "amount", ">=", 11, "个")
    ]


def test_a_qualitative_target_has_no_indicator():
    assert rows("推进智能化电动工具生产基地、芯恒基电子信息产业园等项目尽快签约建设。") == []
