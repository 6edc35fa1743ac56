"""Reading figures as a careful reader does: shares of the work, stages, parts of a total, other
scopes, and units written differently (issue 17 item 2)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from duban.core.indicators.quantities import find_quantities
from duban.core.judgement import judge_plan
from duban.core.model import Period

from .plans import plan, report, task, unit

Q3 = Period("1-9月", 9, 2022)


def judged(target: str, *texts: str, period: Period = Q3):
    return judge_plan(plan(task(1, target, *(report(t) for t in texts)), period=period)).tasks[0]


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("供水管网改造已完成90%。", 0.9),
        ("已完成工程量的70%。", 0.7),
        ("完成80%。", 0.8),
        ("主体完成30%。", 0.3),
        ("改造已完成90%。", 0.9),
    ],
)
def test_a_percentage_of_work_is_a_share_of_that_task_not_a_count(text, share):
    t = judged("完成供水管网改造9个片区。", text)
    (ind,) = t.indicators
    assert ind.completion == pytest.approx(share)
    assert ind.completion <= 1  # never 90 片区 of 9: 1000%


def test_the_count_that_names_what_a_share_is_of_is_no_result():
    t = judged("加快推进9个片区供水管网改造。", "9个片区的供水管网改造已完成60%。")
    assert t.indicators[0].completion == pytest.approx(0.6)
    assert t.verdict == "behind"


def test_designs_and_starts_are_not_estates_renovated():
    t = judged("完成老旧小区改造8个。", "老旧小区改造已完成6个小区方案设计，3个小区开工。")
    assert t.verdict not in ("completed", "on_schedule")
    assert "方案设计" in t.explanation


def test_a_stage_counts_when_the_target_is_that_stage():
    t = judged("开工建设农贸市场4个。", "农贸市场已开工建设3个。")
    assert t.indicators[0].completion == pytest.approx(0.75)
    assert t.verdict == "on_schedule"


def test_a_building_target_is_done_when_its_works_are_finished():
    t = judged("新建公办幼儿园3所。", "新建公办幼儿园竣工投用3所。")
    assert t.verdict == "completed"


def test_a_part_of_a_total_is_not_the_total():
    t = judged(
        "实施市级重点项目40个。",
        "市级重点项目共安排45个，其中竣工投产9个，正在建设36个。",
    )
    (ind,) = t.indicators
    assert ind.actual.value == 45
    assert ind.verdict == "completed"
    assert t.verdict == "on_schedule"  # 36 still being built: not the whole task done


def test_the_part_the_target_names_is_the_one_matched():
    t = judged("重点项目竣工投产20个。", "重点项目共安排45个，其中竣工投产16个。")
    (ind,) = t.indicators
    assert ind.actual.value == 16
    assert t.verdict == "on_schedule"


def test_the_reading_is_stable_across_a_resubmission_that_reorders_the_sentence():
    first = judged("实施市级重点项目40个。", "市级重点项目共安排45个，其中竣工投产9个。")
    again = judged("实施市级重点项目40个。", "其中竣工投产9个。市级重点项目共安排45个。")
    assert first.verdict == again.verdict == "completed"


def test_last_years_figure_is_not_this_years_actual():
    t = judged("新增城镇就业1200人。", "去年新增城镇就业1300人，今年正在推进。")
    assert t.verdict == "in_progress"
    assert "上年" in t.explanation


def test_a_first_quarter_figure_is_not_the_actual_of_a_nine_month_report():
    t = judged("新增城镇就业1200人。", "一季度新增城镇就业400人。")
    assert t.verdict == "in_progress"


def test_three_thousand_wan_against_one_yi_is_thirty_percent():
    t = judged("完成工业技改投资1亿元。", "1-9月完成工业技改投资3000万元。")
    assert t.indicators[0].completion == pytest.approx(0.3)
    assert t.verdict == "behind"


@pytest.mark.parametrize(
    ("target", "text", "completion"),
    [
        ("新建改造农村公路20公里。", "新建改造农村公路完成16千米。", 0.8),
        ("新建改造农村公路20公里。", "新建改造农村公路完成16000米。", 0.8),
        ("新增城市绿地12万平方米。", "新增城市绿地完成96000平方米。", 0.8),
        ("培育规上工业企业10家。", "培育规上工业企业8个。", 0.8),
        ("开展职业技能培训2000人次。", "开展职业技能培训1600人。", 0.8),
        ("新建高标准农田1万亩。", "新建高标准农田完成8000亩。", 0.8),
    ],
)
def test_units_written_differently_compare(target, text, completion):
    (ind,) = judged(target, text).indicators
    assert ind.completion == pytest.approx(completion)


def test_counters_alike_compare_only_when_the_figure_names_what_is_counted():
    t = judged("新建农村学校4所。", "新增学位2000个。")
    assert t.indicators[0].completion is None


def test_kilometres_and_metres_have_one_base():
    (km,) = find_quantities("3.5千米")
    (m,) = find_quantities("3500米")
    assert (km.base_unit, m.base_unit) == ("公里", "公里")
    assert km.base == pytest.approx(m.base)


def test_a_towns_own_amount_is_not_the_departments_total():
    t = judge_plan(
        plan(
            task(
                1,
                "新增城镇就业1200人。",
                report("本镇新增城镇就业1250人。", "柳林镇"),
                units=("县人社局", unit("柳林镇", "co")),
            ),
            period=Q3,
        )
    ).tasks[0]
    assert t.verdict == "in_progress"
    assert "柳林镇的数字" in t.explanation


def test_a_towns_share_of_the_work_it_alone_does_still_counts():
    t = judge_plan(
        plan(
            task(
                1,
                "加快推进8个老旧小区改造。",
                report("8个老旧小区的改造已完成80%。", "河西街道"),
                units=("县住建局", unit("河西街道", "co")),
            ),
            period=Q3,
        )
    ).tasks[0]
    assert t.verdict == "on_schedule"


def test_a_share_of_the_whole_work_judges_a_task_of_several_counts_by_its_deadline():
    t = judge_plan(
        plan(
            task(
                1,
                "新建综合楼1栋，新增床位300张。",
                report("主体已封顶，完成总工程量的80%。"),
            ),
            period=Q3,
        )
    ).tasks[0]
    assert t.verdict == "on_schedule"  # 80% against 75% due by September
    due_in_july = plan(
        task(1, "新建综合楼1栋，新增床位300张。", report("完成总工程量的80%。")), period=Q3
    )
    late = replace(due_in_july.tasks[0], due_month=7, deadline="7月底前")
    judged_late = judge_plan(plan(late, period=Q3)).tasks[0]
    assert judged_late.verdict == "behind"
    assert "按完成时限7月底前" in judged_late.explanation


def test_a_share_of_a_part_is_not_the_whole_work():
    t = judged("新建综合楼1栋，新增床位300张。", "综合楼完成总工程量的80%，附属楼尚未开工。")
    assert t.verdict != "on_schedule"


def test_works_finished_and_in_use_are_the_only_targets_count():
    t = judged("完成老旧电梯更新40台。", "已竣工投用44台。")
    assert t.verdict == "completed"
    assert judged("完成老旧电梯更新40台。", "已开工20台。").verdict == "in_progress"


def test_a_figure_of_a_year_named_before_it_is_not_this_years():
    t = judged("新增城镇就业1200人。", "2021年新增城镇就业1300人，今年正在推进。")
    assert t.verdict == "in_progress"
    assert "2021年的数字" in t.explanation
    this_year = judged("新增城镇就业1200人。", "2022年新增城镇就业1000人。")
    assert this_year.indicators[0].actual.value == 1000


@pytest.mark.parametrize(
    ("target", "text"),
    [
        ("新增城镇就业3000人。", "预计全年新增城镇就业3200人。"),
        ("地区生产总值增长6%。", "预计前三季度地区生产总值增长6.5%。"),
    ],
)
def test_an_estimate_is_never_the_actual(target, text):
    t = judged(target, text)
    assert t.verdict == "in_progress"
    assert "预计数" in t.explanation
    assert "estimate" in [f.kind for f in t.flags]


def test_a_stock_is_no_count_of_what_is_added():
    t = judged("新增停车泊位2000个。", "全区共有停车泊位18000个。")
    assert t.verdict == "in_progress"
    assert "存量" in t.explanation


def test_laying_pipes_is_a_result_and_metres_are_kilometres():
    t = judged("建设污水管网30公里。", "铺设污水管网2.5万米。")
    assert t.indicators[0].completion == pytest.approx(25 / 30)


def test_a_cumulative_stock_gives_way_to_this_years_new_ones():
    t = judged("新建5G基站300个。", "累计建成5G基站1200个，今年新建280个。")
    assert t.indicators[0].actual.value == 280
    assert t.verdict == "on_schedule"
    assert judged("新建5G基站300个。", "累计建成5G基站1200个。").verdict == "in_progress"
    # 累计 within the year, with its scope, is this year's.
    assert judged("新增城镇就业3000人。", "1-9月累计新增城镇就业2400人。").verdict == "on_schedule"


def test_a_figure_of_its_period_is_its_result_without_a_verb():
    t = judged("全年实现外贸进出口额10亿元。", "1-9月外贸进出口额7.8亿元，同比增长12%。")
    assert t.indicators[0].completion == pytest.approx(0.78)
    assert judged("全年实现外贸进出口额10亿元。", "1-9月计划外贸进出口额7.8亿元。").verdict == (
        "in_progress"
    )


def test_a_share_of_the_years_plan_after_the_amount_counts():
    t = judged("完成固定资产投资12亿元。", "1-9月完成固定资产投资，占年度计划的83%。")
    assert t.indicators[0].completion == pytest.approx(0.83)


def test_the_amount_naming_only_what_the_target_counts_comes_before_its_share():
    t = judged("完成固定资产投资12亿元。", "完成投资10亿元，占年度计划的83%。")
    assert t.indicators[0].completion == pytest.approx(10 / 12)
    assert t.verdict == "on_schedule"


def test_a_figure_naming_only_the_counted_noun_is_the_only_targets():
    t = judged("新增婴幼儿托位300个。", "新增托位210个，2家托育机构正在装修。")
    assert t.indicators[0].completion == pytest.approx(0.7)
    # A qualifier of its own names something else: 外贸企业 are no 规上工业企业.
    assert judged("新增规上工业企业10家。", "新增外贸企业28家。").verdict == "in_progress"


def test_signing_is_a_stage_of_renovation_but_wins_an_investment_project():
    assert judged("完成棚户区改造1200户。", "已签约1100户，拆除800户。").verdict == "in_progress"
    t = judged("招引亿元以上项目20个。", "签约亿元以上项目16个。")
    assert t.indicators[0].completion == pytest.approx(0.8)


@pytest.mark.parametrize(
    "text",
    [
        "2所养老服务中心主体完工，正在室内装修。",
        "养老服务中心主体完工2所，正进行内部装修。",
        "2所养老服务中心主体已完成，开始设备安装。",
        "养老服务中心主体竣工2所。",
        "2所养老服务中心主体结构封顶。",
        "2所养老服务中心已完成主体施工。",
        "已完成2所养老服务中心主体结构。",
        "2所养老服务中心已基本完工。",
        "2所养老服务中心已完成土建。",
        "2所养老服务中心已完成基础施工。",
        "已完成2所养老服务中心的建设方案。",
    ],
)
def test_works_short_of_their_end_are_no_new_buildings(text):
    # The main structure, civil works, foundations, "basically done", a plan: more is to come.
    t = judged("新建养老服务中心2所。", text)
    assert t.verdict == "in_progress"
    assert "不是目标的完成数" in t.explanation
    assert t.indicators[0].completion is None


def test_a_target_of_the_main_structure_counts_it():
    t = judged("完成养老服务中心主体完工4所。", "养老服务中心主体完工3所。")
    assert t.indicators[0].completion == pytest.approx(0.75)


def test_each_part_of_a_list_keeps_its_own_stage():
    # 4 finished and in use count; the 2 whose main structure is done do not (yet).
    t = judged("新建养老服务中心6所。", "4所养老服务中心已竣工投用、2所主体完工。")
    (ind,) = t.indicators
    assert ind.completion == pytest.approx(4 / 6)
    assert t.verdict == "behind"  # 66.7 % against 75 % at 1-9月


@pytest.mark.parametrize(
    ("text", "done"),
    [("5个社区服务中心已建成2个。", 2), ("5个社区服务中心中已竣工投用3个。", 3)],
)
def test_the_count_before_the_verb_names_the_whole_the_one_after_it_is_done(text, done):
    t = judged("新建社区服务中心5个。", text)
    assert t.indicators[0].completion == pytest.approx(done / 5)
    assert t.verdict == "behind"  # under 75 % at 1-9月


@pytest.mark.parametrize("text", ["建成卫生室4个、文化室1个。", "建成卫生室4个，文化室1个。"])
def test_each_count_of_a_list_is_its_own_parts(text):
    # 4 卫生室 are not the 3 文化室 the target asks for: 文化室 is 1 of 3, behind.
    t = judged("新建卫生室2个、文化室3个。", text)
    assert [i.completion for i in t.indicators] == [2.0, pytest.approx(1 / 3)]
    assert t.verdict == "behind"


def test_a_noun_and_its_count_after_a_stage_share_the_stage():
    t = judged("新建卫生室2个、文化室3个。", "已开工卫生室4个，文化室3个。")
    assert [i.completion for i in t.indicators] == [None, None]
    assert t.verdict == "in_progress"


@pytest.mark.parametrize(
    "text",
    ["4座污水泵站已完成年度投资的95%。", "4座污水泵站全部开工，完成资金拨付90%。"],
)
def test_a_share_of_the_money_is_no_share_of_what_is_built(text):
    t = judged("新建污水泵站4座。", text)
    assert t.indicators[0].completion is None
    assert t.verdict == "in_progress"


def test_a_share_of_the_money_counts_for_a_target_of_money():
    t = judged("完成水利投资2亿元。", "水利投资已完成年度投资的80%。")
    assert t.indicators[0].completion == pytest.approx(0.8)


def test_a_share_of_some_of_them_is_no_share_of_all():
    # 80 % of the work on 5 of the 10 streets is not 80 % of the 10.
    t = judged("改造背街小巷10条。", "10条背街小巷已完成招标，5条完成改造工程量的80%。")
    assert t.indicators[0].completion is None
    assert t.verdict == "in_progress"


def test_all_of_a_stage_done_is_not_the_work_done():
    t = judged("新建口袋公园8个。", "8个口袋公园已全部完成设计，其中5个已建成。")
    assert t.verdict != "completed"
    assert t.verdict == "in_progress"
