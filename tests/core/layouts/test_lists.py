"""Lists without a grid: '1.努力实现…' then '牵头单位:…' label lines (a decomposition plan)."""

from __future__ import annotations

import pytest

from duban.core.importers.layouts.detect import parse_any_text
from tests.core.layouts.reading import messages, read, rows


@pytest.fixture(scope="module")
def plan():
    return read("list-county-2024-decomposition.txt")


def test_it_is_a_decomposition_without_period_or_reports(plan):
    assert plan.title == "2024年县政府工作报告重点任务分解方案"
    assert (plan.kind, plan.period, plan.year, plan.district) == (
        "decomposition",
        None,
        2024,
        "临泉县",
    )
    assert all(t.reports == () for t in plan.tasks)


def test_it_reads_labels_with_ascii_and_full_width_colons(plan):
    assert rows(plan) == [
        (
            1,
            "努力实现地区生产总值增长6.5%左右。",
            [("县发改委", "lead"), ("县统计局", "co"), ("县财政局", "co"), ("各乡镇", "co")],
            ["刘洋"],
            [],
        ),
        (
            2,
            "一般公共预算收入增长6%。",
            [("县财政局", "lead"), ("县税务局", "co")],
            ["刘洋", "孙丽"],
            [],
        ),
        (
            3,
            "新建改建农村公路100公里，完成危桥改造12座。",
            [
                ("县交通运输局", "lead"),
                ("县财政局", "co"),
                ("县自然资源局", "co"),
                ("各乡镇", "co"),
            ],
            ["马强"],
            [],
        ),
    ]


def test_it_reads_deadline_labels(plan):
    assert [(t.deadline, t.ongoing) for t in plan.tasks] == [
        ("2024年12月底", False),
        ("年底前", False),
        ("长期坚持", True),
    ]


def test_it_keeps_the_covering_notice_out_and_a_section_without_items(plan):
    assert "泉政办发〔2024〕5号" in plan.furniture
    assert [(s.title, len(s.tasks)) for s in plan.sections] == [
        ("一、主要预期目标", 2),
        ("二、重点工作任务", 1),
        ("三、保障措施", 0),
    ]
    assert messages(plan) == []


def test_it_reads_labels_on_the_targets_own_line_set_apart_by_spaces():
    plan = parse_any_text(
        "2024年重点工作任务清单\n"
        "1.努力实现地区生产总值增长6%左右。 牵头单位：县发改委 责任单位：县统计局、县财政局\n"
        "2.新增城镇就业3000人。牵头单位: 县人社局；分管领导: 王军李华\n",
        "inline.txt",
    )
    assert rows(plan) == [
        (
            1,
            "努力实现地区生产总值增长6%左右。",
            [("县发改委", "lead"), ("县统计局", "co"), ("县财政局", "co")],
            [],
            [],
        ),
        (2, "新增城镇就业3000人。", [("县人社局", "lead")], ["王军", "李华"], []),
    ]
