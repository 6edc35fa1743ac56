"""Each verdict rule (issue 5 item 4), from real phrases of the example."""

from __future__ import annotations

import pytest

from duban.core.judgement import judge_plan
from duban.core.judgement.verdicts import (
    INDICATOR_RULES,
    TASK_RULES,
    Facts,
    TaskFacts,
    indicator_verdict,
    task_verdict,
)
from duban.core.model import Period

from .plans import plan, report, task, unit


def judged(target: str, *texts: str, period: Period | None = None):
    p = plan(task(1, target, *(report(t) for t in texts)))
    if period is not None:
        p = plan(*p.tasks, period=period)
    return judge_plan(p).tasks[0]


def test_an_amount_reached_is_completed_with_the_evidence_quoted():
    t = judged(
        "实行积极的就业政策，城镇新增就业3500人。", "城镇新增就业完成3737人，已完成任务的107%。"
    )
    assert t.verdict == "completed"
    assert "目标3500人，1-9月完成3737人，完成106.8%，已完成" in t.explanation
    (ind,) = t.indicators
    assert (ind.actual.value, ind.actual.unit, ind.actual.quote) == (
        3737,
        "人",
        "城镇新增就业完成3737人",
    )


def test_an_amount_at_the_schedule_share_is_on_schedule():
    t = judged("新增管道天然气用户4900户。", "已增加天然气用户3720户，供热工程已完成。")
    assert t.verdict == "on_schedule"
    assert "完成75.9%" in t.explanation and "序时进度75.0%" in t.explanation


def test_the_schedule_is_the_periods_months_over_twelve():
    # The same 3720 of 4900 (75.9%) is behind at the end of October (83.3% due).
    t = judged(
        "新增管道天然气用户4900户。", "已增加天然气用户3720户。", period=Period("1-10月", 10)
    )
    assert t.verdict == "behind"


def test_a_stated_share_of_the_target_is_the_ratio_itself():
    t = judged("加快推进11个老旧小区改造。", "11个老旧小区的改造已完成90%。")
    assert t.verdict == "on_schedule"
    assert t.indicators[0].verdict == "on_schedule"


def test_growth_above_target_is_on_schedule_and_below_is_behind():
    t = judged(
        "地区生产总值增长6%以上，固定资产投资增长5%左右。",
        "上半年，地区生产总值同比增长12.1%。1-8月，固定资产投资同比下降4.7%。",
    )
    assert [i.verdict for i in t.indicators] == ["on_schedule", "behind"]
    assert t.verdict == "behind"
    assert "下降4.7%" in t.explanation and "低于目标9.7个百分点" in t.explanation


def test_a_figure_for_something_else_is_not_comparable():
    t = judged("推动全区高新技术企业达到16家以上。", "已推荐申报高新技术企业三批次共19家企业。")
    assert t.indicators[0].verdict == "unknown"
    assert t.indicators[0].actual is None
    assert "不可比" in t.explanation
    assert t.verdict == "in_progress"


def test_shelved_work_with_everything_else_done_is_stalled():
    t = judged(
        "推进智能化电动工具生产基地、芯恒基电子信息产业园等项目尽快签约建设。",
        "芯恒基电子信息产业园项目一期芯恒光电子信息产业园已竣工，并开始试生产。"
        "智能化电动工具项目，因企业方投资暂缓，项目已搁置。",
    )
    assert t.verdict == "stalled"
    assert "项目已搁置" in t.explanation


def test_a_blocked_part_among_parts_under_way_is_in_progress_and_flagged():
    t = judged(
        "推进智能化电动工具生产基地、芯恒基电子信息产业园等项目尽快签约建设。",
        "芯恒基电子信息产业园二期正在办理土地手续。智能化电动工具项目，因企业方投资暂缓，项目已搁置。",
    )
    assert t.verdict == "in_progress"
    assert [f.kind for f in t.flags] == ["blocked"]
    assert "项目已搁置" in t.flags[0].reason


def test_a_clear_statement_that_all_is_done_is_completed():
    t = judged(
        "有序推进事业单位改革，优化政府公共服务职能。",
        "3月底前已完成领导班子配备、人员转隶等工作。5月底前已完成机构职能编制规定、章程制定工作。"
        "本次事业单位改革任务已完成。",
    )
    assert t.verdict == "completed"


def test_words_without_a_figure_are_in_progress():
    t = judged("规划布局5G站点，为城市发展赋能。", "前三季度计划建设5G基站96个，已完工87个。")
    assert t.verdict == "in_progress"


def test_every_indicator_must_be_completed_for_the_task_to_be():
    # 60 of 15 入库 is completed; the other two indicators have no comparable figure.
    t = judged(
        "争取新认定科技型中小企业15家，培育入库国家科技型中小企业15家，推动全区高新技术企业达到16家以上。",
        "已推荐申报高新技术企业三批次共19家企业，培育入库国家科技型中小企业60家。",
    )
    assert [i.verdict for i in t.indicators] == ["unknown", "completed", "unknown"]
    assert t.verdict == "on_schedule"


def test_completed_indicators_with_work_under_way_make_the_task_on_schedule():
    t = judged(
        "加快建设仙坛山公园，新增公园游园、口袋公园12处。",
        "正在进行仙坛晓翠牌坊至电视塔登山台阶施工。",
        "已完成福兴桥西侧游园、凤凰斜路口袋公园等12处公园游园及口袋公园建设完工。",
    )
    assert t.indicators[0].verdict == "completed"
    assert t.verdict == "on_schedule"


@pytest.mark.parametrize(
    ("facts", "verdict"),
    [
        (Facts("amount", 1.069, None, 3500, 0.75), "completed"),
        (Facts("amount", 0.759, None, 4900, 0.75), "on_schedule"),
        (Facts("amount", 0.70, None, 4900, 0.75), "behind"),
        (Facts("growth", None, 8.51, 5, 0.75), "on_schedule"),
        (Facts("growth", None, -4.7, 5, 0.75), "behind"),
        (None, "unknown"),
    ],
)
def test_the_indicator_rule_table(facts, verdict):
    assert indicator_verdict(facts)[0] == verdict


def test_the_task_rule_table_in_order():
    assert [v for v, _ in TASK_RULES] == [
        "stalled",
        "behind",
        "completed",
        "on_schedule",
        "completed",
        "in_progress",
    ]
    assert task_verdict(TaskFacts(("completed", "behind"), False, False, False)) == "behind"
    assert task_verdict(TaskFacts(("completed", "unknown"), False, False, False)) == "on_schedule"
    assert task_verdict(TaskFacts((), True, False, False)) == "stalled"
    assert task_verdict(TaskFacts((), False, True, True)) == "in_progress"
    assert {r.verdict for r in INDICATOR_RULES} == {"completed", "on_schedule", "behind"}


def test_a_level_reached_is_on_schedule():
    t = judged("农村自来水普及率达到98%。", "目前，全区农村自来水普及率达到98.5%。")
    (ind,) = t.indicators
    assert (ind.kind, ind.verdict, ind.actual.value) == ("level", "on_schedule", 98.5)
    assert t.verdict == "on_schedule"


def test_a_stated_share_under_the_whole_outweighs_words_of_completion():
    t = judged("新建改扩建幼儿园5所。", "主体工程全部完工，完成年度目标的80%。")
    assert t.verdict != "completed"


APRIL = Period("4月份", 4)
Q1 = Period("第一季度", 3)


def test_a_bare_figure_in_the_lead_report_is_the_only_targets():
    # "完成28公里。" names nothing else: it is the 80 公里 of the target (35% at April, 33.3% due).
    t = judged("改造提升农村公路80公里", "完成28公里。", period=APRIL)
    assert (t.indicators[0].actual.value, t.verdict) == (28, "on_schedule")
    assert judged("新增城镇就业4000人", "新增1120人。", period=Q1).verdict == "on_schedule"
    assert judged("建成乡村学校少年宫5所", "已建成3所。").verdict == "behind"  # 60% < 75%


def test_a_bare_growth_figure_is_the_only_growth_targets():
    t = judged("规上工业增加值增长7%", "1-3月增长7.4%，已完成。", period=Q1)
    assert (t.indicators[0].actual.value, t.verdict) == (7.4, "on_schedule")
    assert "1-3月，1-3月" not in t.explanation


def test_a_growth_figure_after_another_metric_in_its_sentence_is_not_bare():
    # 增长16.12% belongs to 税收收入, named earlier in the sentence.
    t = judged("一般公共预算收入增长5%。", "1-9月，税收收入完成63202万元，增长16.12%。")
    assert t.indicators[0].actual is None and t.verdict == "in_progress"


def test_a_bare_figure_is_not_taken_when_two_targets_share_its_unit_or_from_a_town():
    t = judged("新建小学2所、初中1所。", "已建成3所。")
    assert [i.actual for i in t.indicators] == [None, None]
    p = plan(
        task(
            1,
            "新增城镇就业4000人",
            report("新增120人。", "底阁镇"),
            units=("区人社局", unit("底阁镇", "co")),
        )
    )
    assert judge_plan(p).tasks[0].indicators[0].actual is None


def test_done_beside_a_plan_of_the_period_is_that_plan_done_not_the_years_task():
    from duban.core.model import Task

    row = Task(
        1,
        "为全镇65岁以上老人免费体检8000人。",
        (unit("县卫健局"),),
        (report("已完成。本月已完成体检点位设置。"),),
        extra=(("月度工作计划", "5月:完成体检点位设置。"),),
    )
    t = judge_plan(plan(row, period=Period("2024年5月", 5, 2024))).tasks[0]
    assert t.verdict == "in_progress"
    without_plan = judged("完成体检点位设置。", "已完成。")
    assert without_plan.verdict == "completed"


def test_a_growth_of_the_year_is_not_completed_by_a_word_before_the_years_end():
    t = judged("城乡居民人均可支配收入增长7%左右。", "已完成。")  # a 1-9月 report
    assert t.verdict == "in_progress"
    assert t.explanation.startswith("城乡居民人均可支配收入目标增长7%左右，")
    assert "未给出增长数字" in t.explanation
    year_end = Period("1-12月", 12, 2021)
    assert judged("城乡居民人均可支配收入增长7%左右。", "已完成。", period=year_end).verdict == (
        "completed"
    )
    # An amount still is: the word is the statement of the work done.
    assert judged("新建村级养老服务站6个。", "已完成。").verdict == "completed"
