"""One row per line, cells split by ' | ': a city's table under its covering notice."""

from __future__ import annotations

import pytest

from tests.core.layouts.reading import messages, read, rows


@pytest.fixture(scope="module")
def plan():
    return read("pipe-rows-city-2023-october.txt")


def test_it_reads_the_bracketed_as_of_line_under_the_title(plan):
    assert plan.title == "南川市2023年政府工作报告重点任务落实情况"
    assert (plan.year, plan.district) == (2023, "南川市")
    assert (plan.period.label, plan.period.end_month) == ("截至10月31日", 10)


def test_it_keeps_the_covering_notice_and_its_document_number_as_furniture(plan):
    assert "川政办字〔2023〕47号" in plan.furniture
    assert "各区县人民政府，市政府各部门：" in plan.furniture
    assert not any("印发" in t.target for t in plan.tasks)


def test_it_keeps_task_numbers_that_jump_and_says_so(plan):
    assert [t.seq for t in plan.tasks] == [3, 68, 69, 70]
    assert "task number 68 follows 3" in messages(plan)


def test_it_reads_other_column_names_and_ascii_punctuation(plan):
    # 目标与任务 / 主要责任单位 / 协同配合单位 / 责任领导 / 落实情况
    assert rows(plan)[:3] == [
        (
            3,
            "固定资产投资增长8%.",
            [("市发改委", "lead"), ("市统计局", "co"), ("市财政局", "co")],
            ["陈立"],
            ["1-10月,固定资产投资增长6.2%,完成率77.5%."],
        ),
        (
            68,
            "完成老旧小区改造42个.",
            [("市住建局", "lead"), ("各区县", "co")],
            ["周敏"],
            ["已完成."],
        ),
        (
            69,
            "新建城市停车泊位5000个.",
            [("市城管局", "lead"), ("市公安局交警支队", "co"), ("市住建局", "co")],
            ["周敏"],
            ["新建泊位3095个,完成率61.9%."],
        ),
    ]


def test_it_keeps_a_row_cut_off_at_the_end_with_a_warning(plan):
    assert rows(plan)[3] == (
        70,
        "城镇新增就业3万人.",
        [("市人社局", "lead"), ("市财政局", "co")],
        ["孙海"],
        [],
    )
    assert (
        "the last row has 5 of 6 cells: the text is cut off (the row is kept as far as it goes)"
        in messages(plan)
    )


def test_it_reads_sections_in_ascii_brackets(plan):
    assert [(s.title, s.declared_count, len(s.tasks)) for s in plan.sections] == [
        ("(一)扩大有效投资", 3, 3),
        ("(二)民生保障", 2, 1),
    ]
