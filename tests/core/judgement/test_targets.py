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


def test_a_project_tables_name_before_the_colon_is_the_project_not_the_metric():
    found = target_indicators("城区学校扩容工程：新建小学2所、初中1所，新增学位3600个")
    assert [(i.metric, i.value, i.unit, i.project) for i in found] == [
        ("新建小学", 2, "所", "城区学校扩容工程"),
        ("初中", 1, "所", "城区学校扩容工程"),
        ("新增学位", 3600, "个", "城区学校扩容工程"),
    ]
    assert rows("老年助餐点建设：新建老年助餐点40个")[0][0] == "新建老年助餐点"


def test_new_building_stays_in_the_metric_as_written():
    # 新建 says what is counted (new schools), like 新增 in 新增管道天然气用户.
    assert rows("新建改扩建幼儿园3所。")[0][0] == "新建改扩建幼儿园"
    assert rows("推动充电设施资源共享共用，建成公共充电桩50个。")[0][0] == "公共充电桩"


def test_a_metric_followed_by_a_colon_and_its_indicator_names_it():
    # A table joins its 重点工作 and 目标任务 cells with '：' ("一般公共预算收入：增长5%左右").
    assert rows("一般公共预算收入：增长5%左右") == [("一般公共预算收入", "growth", "~", 5.0, "%")]
    assert rows("居民人均可支配收入：同比增长7%") == [
        ("居民人均可支配收入", "growth", ">=", 7.0, "%")
    ]
    assert rows("招商引资：完成到位资金40亿元") == [("到位资金", "amount", ">=", 40.0, "亿元")]
    assert rows("城区学校扩容工程：新建小学2所")[0][0] == "新建小学"  # the measure after it stays


def test_a_fall_after_a_colon_is_named_by_the_words_before_it():
    assert rows("单位工业增加值能耗：下降2.5%") == [
        ("单位工业增加值能耗", "growth", "<=", -2.5, "%")
    ]
