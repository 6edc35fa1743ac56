"""Tab-separated rows (a table copied from a browser) with a 类别 column that names sections."""

from __future__ import annotations

import pytest

from tests.core.layouts.reading import messages, read, rows


@pytest.fixture(scope="module")
def plan():
    return read("tabs-district-2024-q1.txt")


def test_it_reads_the_first_quarter_and_the_district(plan):
    assert (plan.period.end_month, plan.year, plan.district) == (3, 2024, "雁山区")
    assert plan.furniture == ("首页 > 政务公开 > 督查督办",)


def test_it_opens_a_section_at_each_category_and_keeps_an_empty_category_cell_in_it(plan):
    assert [(s.title, [t.seq for t in s.tasks]) for s in plan.sections] == [
        ("经济发展", [1, 2]),
        ("民生保障", [3]),
    ]


def test_it_reads_leaders_with_stray_spaces(plan):
    assert rows(plan) == [
        (1, "规上工业增加值增长7%", [("区工信局", "lead")], ["黄磊"], ["1-3月增长7.4%，已完成。"]),
        (
            2,
            "新签约亿元项目20个",
            [("区投促局", "lead"), ("区发改局", "co")],
            ["黄磊"],
            ["签约8个，完成率40%。"],
        ),
        (3, "新增城镇就业4000人", [("区人社局", "lead")], ["韦丽丽"], ["新增1120人。"]),
    ]
    assert messages(plan) == []
