"""One cell per line with blank lines between cells: a web page's table as its text."""

from __future__ import annotations

import pytest

from duban.core.importers.layouts.detect import parse_any_text
from tests.core.layouts.reading import FIXTURES, messages, read, rows


@pytest.fixture(scope="module")
def plan():
    return read("cells-county-2024-june.txt")


def test_it_reads_title_year_district_and_the_as_of_period(plan):
    assert plan.title == "临河县2024年政府工作报告重点任务推进情况"
    assert (plan.year, plan.district, plan.kind) == (2024, "临河县", "progress")
    assert (plan.period.label, plan.period.end_month) == ("截至6月20日", 6)


def test_it_keeps_breadcrumbs_metadata_and_the_repeated_title_out_of_the_tasks(plan):
    assert plan.furniture[:5] == (
        "首页 > 政务公开 > 重点领域信息公开 > 督查督办",
        "索引号：11370402MB2846X/2024-00318",
        "发布机构：临河县人民政府办公室",
        "发布时间：2024-07-05 09:30",
        "浏览次数：1286",
    )
    assert not any("首页" in t.target or "打印" in t.target for t in plan.tasks)
    assert "【打印本页】【关闭窗口】" not in str(rows(plan))


def test_it_joins_header_cells_broken_over_blank_lines(plan):
    # 重点工作 / 任务, 牵头 / 单位, 分管 / 县领导: six columns from nine header lines.
    assert plan.task(1).target == "地区生产总值增长6%左右，一般公共预算收入增长5%。"
    assert plan.task(1).leaders == ("王建国",)


def test_it_reads_every_task_as_a_person_would(plan):
    assert rows(plan) == [
        (
            1,
            "地区生产总值增长6%左右，一般公共预算收入增长5%。",
            [("县发展改革局", "lead"), ("县统计局", "co"), ("县财政局", "co"), ("各乡镇", "co")],
            ["王建国"],
            ["1-5月，地区生产总值增长5.8%，一般公共预算收入完成12.3亿元，增长6.1%。"],
        ),
        (
            2,
            "新开工亿元以上项目30个。",
            [("县住建局(县人防办)", "lead"), ("县自然资源局", "co"), ("县行政审批局", "co")],
            ["李明", "张华"],
            ["已开工亿元以上项目24个，完成率80%(新区实验幼儿园进度滞后)。"],
        ),
        (
            3,
            "新增城镇就业2000人。",
            [("县人社局", "lead"), ("县财政局", "co")],
            ["李明", "张华"],
            ["已完成。"],
        ),
        (
            4,
            "新建改扩建幼儿园3所。",
            [("县教体局", "lead"), ("县住建局", "co")],
            ["王建国"],
            ["主体工程全部完工，完成年度目标的80%。"],
        ),
        (
            5,
            "完成农村改厕1200户。",
            [("县委农办(县农业农村局)", "lead"), ("各乡镇", "co")],
            ["赵刚"],
            ["完成改厕743户，完成率61.9%。"],
        ),
    ]


def test_it_carries_a_merged_leader_cell_down_and_says_so(plan):
    assert messages(plan)[0] == (
        "the row has no 分管县领导 cell (merged with the row above?): '李明张华' carried down"
    )


def test_it_keeps_a_section_without_rows_and_warns_about_its_count(plan):
    assert [(s.title, s.declared_count, len(s.tasks)) for s in plan.sections] == [
        ("一、稳增长促发展", 3, 3),
        ("二、社会民生", 2, 2),
        ("三、营商环境", 1, 0),
    ]
    assert messages(plan)[1] == "section '三、营商环境' declares 1 tasks but has 0"


def test_it_keeps_a_last_row_cut_off_in_a_copy_with_a_warning():
    text = (FIXTURES / "cells-county-2024-june.txt").read_text(encoding="utf-8")
    cut = parse_any_text(text[: text.index("各乡镇\n\n赵刚")], "cut.txt")
    last = cut.tasks[-1]
    assert (last.seq, last.target, last.reports) == (5, "完成农村改厕1200户。", ())
    assert [u.name for u in last.units] == ["县委农办(县农业农村局)"]
    assert messages(cut)[-1] == (
        "the last row has 3 of 6 cells: the text is cut off (the row is kept as far as it goes)"
    )
