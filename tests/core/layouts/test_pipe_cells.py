"""Each cell on its own line(s) ending in ' |': a county's monthly progress table."""

from __future__ import annotations

import pytest

from tests.core.layouts.reading import messages, read, rows


@pytest.fixture(scope="module")
def plan():
    return read("pipe-cells-county-2024-april.txt")


def test_it_reads_the_month_of_a_monthly_progress_title(plan):
    assert plan.title == "2024年4月份县政府工作报告重点任务进展情况"
    assert (plan.period.end_month, plan.year, plan.district) == (4, 2024, "西坪县")


def test_it_does_not_take_the_publishing_date_for_the_period(plan):
    assert "发布日期：2024-05-08  来源：县政府督查室" in plan.furniture
    assert plan.period.end_month != 5


def test_it_reads_a_header_cell_with_a_blank_line_inside(plan):
    # '责任\n\n单位 |' after 牵头责任单位: the co-operating units.
    assert [(u.name, u.role) for u in plan.task(1).units] == [
        ("县水利局", "lead"),
        ("县住建局", "co"),
        ("县财政局", "co"),
    ]


def test_it_keeps_an_unknown_column_and_warns(plan):
    assert plan.task(2).extra == (("督导意见", "进度滞后"),)
    assert "column '督导意见' is not one duban knows: kept" in messages(plan)


def test_it_joins_a_cell_of_several_lines(plan):
    assert plan.task(1).reports[0].text == "已完成管网改造12公里，其中老城区8公里。"


def test_it_carries_a_merged_unit_cell_down(plan):
    assert rows(plan)[2] == (
        3,
        "改造提升农村公路80公里",
        [("县交通运输局", "lead"), ("各乡镇", "co"), ("县财政局", "co")],
        [],
        ["完成28公里。"],
    )
    assert (
        "the row has no 责任单位 cell (merged with the row above?): '各乡镇，县财政局。' carried down"
        in messages(plan)
    )


def test_it_drops_the_page_footer_after_the_table(plan):
    assert "扫一扫" not in plan.task(3).reports[0].text
