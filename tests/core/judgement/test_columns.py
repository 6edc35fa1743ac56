"""The document's own columns first: numeric target, actual and share, and its status beside ours."""

from __future__ import annotations

from duban.core.judgement import judge_plan, judgement_to_dict
from duban.core.model import DocumentStatus, Figure, Milestone, Period, Report, Task

from .plans import plan, unit

AUGUST = Period("1-8月", 8, 2024)


def row(target: str, *figures: Figure, status=(), reports=(), **kw) -> Task:
    return Task(
        1, target, (unit("县住建局"),), tuple(reports), figures=figures, status=tuple(status), **kw
    )


def estates(done: float, *, status=(), header="1-8月完成", period=None, **kw) -> Task:
    """40 old estates to renovate this year, `done` of them in the actual column."""
    return row(
        "改造城镇老旧小区40个",
        Figure("target", 40, "个", "年度目标"),
        Figure("actual", done, "个", header, f"{done:g}", period),
        status=status,
        **kw,
    )


def judged(t: Task, period: Period = AUGUST):
    return judge_plan(plan(t, period=period)).tasks[0]


def test_the_actual_column_is_the_evidence_quoted_with_its_header():
    t = judged(estates(30, period=AUGUST))
    assert t.verdict == "on_schedule"  # 75% against 8/12
    (ind,) = t.indicators
    assert ind.source == "column"
    assert ind.completion == 0.75
    assert ind.actual.quote == "1-8月完成：30"


def test_column_figures_in_wan_are_normalised_against_a_target_in_yi():
    t = judged(
        row(
            "完成棚户区改造投资1亿元",
            Figure("target", 1, "亿元", "年度目标"),
            Figure("actual", 3000, "万元", "完成投资", "3000"),
        )
    )
    (ind,) = t.indicators
    assert ind.completion == 0.3
    assert t.verdict == "behind"


def test_a_share_column_of_the_whole_task_is_judged_when_no_indicator_takes_it():
    t = judged(row("推进县人民医院迁建", Figure("share", 40, "%", "形象进度(%)", "40")))
    assert t.verdict == "behind"
    (ind,) = t.indicators
    assert (ind.metric, ind.source, ind.completion) == ("形象进度", "column", 0.4)


def test_a_figure_of_another_period_is_not_the_periods_actual():
    first_half = Period("1-6月", 6, 2024)
    t = judged(estates(30, header="1-6月完成", period=first_half))
    assert t.verdict == "in_progress"


def test_the_documents_own_status_is_shown_beside_the_verdict():
    t = judged(estates(30, status=[DocumentStatus("是否达序", "是")]))
    assert t.document_status == "是否达序：是"
    assert not [f for f in t.flags if f.kind == "status_disagrees"]
    data = judgement_to_dict(judge_plan(plan(row("新建公厕8座"), period=AUGUST)))
    assert data["tasks"][0]["document_status"] is None


def test_a_status_that_says_the_opposite_is_a_flag_never_resolved():
    t = judged(estates(12, status=[DocumentStatus("完成情况", "达到时间进度")]))
    assert t.verdict == "behind"  # 30% against 66.7%: ours stands
    (flag,) = [f for f in t.flags if f.kind == "status_disagrees"]
    assert "达到时间进度" in flag.reason and "滞后" in flag.reason


def test_a_status_of_behind_against_our_on_schedule_is_a_flag_too():
    t = judged(estates(36, status=[DocumentStatus("是否达序", "否")]))
    assert t.verdict == "on_schedule"
    assert [f.kind for f in t.flags].count("status_disagrees") == 1


def test_a_figure_only_table_is_judged_and_asks_nobody_for_a_report():
    t = judged(estates(36))
    assert "missing_report" not in [f.kind for f in t.flags]
    assert t.explanation != "未报送进展情况"


def test_a_half_year_table_is_judged_at_june():
    half = Period("上半年", 6, 2024)
    assert half.kind == "half"
    t = judged(
        estates(20, header="上半年完成", period=half),
        half,
    )
    assert t.verdict == "on_schedule"
    assert t.indicators[0].schedule_share == 0.5


def test_the_tasks_own_deadline_replaces_the_twelfths():
    t = judged(estates(36, deadline="6月底前", due_month=6))
    (ind,) = t.indicators
    assert (ind.schedule_share, ind.schedule, t.verdict) == (1.0, "deadline", "behind")
    assert "按完成时限6月底前" in t.explanation


def test_a_milestone_the_office_ruled_on_decides_before_figures():
    base = dict(milestones=(Milestone("8月", 8, "主体结构封顶"),))
    missed = row(
        "新建幼儿园2所",
        reports=[Report(None, "新建幼儿园2所，完成主体工程量的70%", milestone_met=False)],
        **base,
    )
    t = judged(missed)
    assert t.verdict == "behind"
    assert t.indicators[0].source == "milestone"
    assert "主体结构封顶" in t.explanation
    met = row(
        "新建幼儿园2所",
        reports=[Report(None, "两所幼儿园主体均已封顶", milestone_met=True)],
        **base,
    )
    assert judged(met).verdict == "on_schedule"


def test_a_milestone_nobody_ruled_on_is_no_evidence():
    t = judged(
        row(
            "新建幼儿园2所",
            reports=[Report(None, "正在进行基础施工")],
            milestones=(Milestone("8月", 8, "主体结构封顶"),),
        )
    )
    assert t.verdict == "in_progress"
    assert all(i.source != "milestone" for i in t.indicators)


def test_a_target_column_the_target_text_does_not_state_is_an_indicator():
    t = judged(
        row(
            "城镇新增就业",
            Figure("target", 5000, "人", "目标任务(人)"),
            Figure("actual", 3600, "人", "1-8月完成", "3600"),
        )
    )
    (ind,) = t.indicators
    assert (ind.metric, ind.value, ind.unit, ind.source) == ("城镇新增就业", 5000, "人", "column")
    assert ind.completion == 0.72
    assert t.verdict == "on_schedule"


def test_with_nothing_measured_the_documents_own_behind_is_the_verdict():
    t = judged(
        row(
            "推进县图书馆新馆建设",
            reports=[Report(None, "正在进行内部装修")],
            status=[DocumentStatus("是否达序", "否")],
        )
    )
    assert t.verdict == "behind"
    assert "表内自评“是否达序：否”" in t.explanation
    assert "status_disagrees" not in [f.kind for f in t.flags]


def test_with_nothing_measured_the_documents_own_on_schedule_is_shown_not_taken():
    t = judged(
        row(
            "推进县图书馆新馆建设",
            reports=[Report(None, "正在进行内部装修")],
            status=[DocumentStatus("是否达序", "是")],
        )
    )
    assert (t.verdict, t.document_status) == ("in_progress", "是否达序：是")


def test_a_table_without_a_period_is_judged_at_the_period_its_columns_state():
    p = plan(estates(30, period=AUGUST), period=None)
    judged_plan = judge_plan(p)
    assert judged_plan.period.end_month == 8
    assert judged_plan.tasks[0].verdict == "on_schedule"


def test_a_target_column_of_another_measure_than_the_texts_is_named_by_its_header():
    t = judged(
        row(
            "建设城区道路5公里",
            Figure("target", 3000, "万元", "年度计划投资（万元）"),
            Figure("actual", 1800, "万元", "1-8月完成投资（万元）", "1800"),
        )
    )
    road, money = t.indicators
    assert (road.metric, road.verdict) == ("建设城区道路", "unknown")
    assert (money.metric, money.source, money.completion) == ("年度计划投资", "column", 0.6)
    assert t.verdict == "behind"
