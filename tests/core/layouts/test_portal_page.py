"""A government portal page around its table: accessibility links, metadata block, intro note."""

from __future__ import annotations

import pytest

from tests.core.layouts.reading import messages, read, rows


@pytest.fixture(scope="module")
def plan():
    return read("cells-city-2020-november-portal.txt")


def test_it_takes_the_period_from_the_title_not_from_the_intro_paragraph(plan):
    # The intro says 奋力冲刺四季度; the title's 1-11月份 is the period.
    assert (plan.period.label, plan.period.end_month) == ("1-11月份", 11)
    assert (plan.year, plan.district) == (2020, "青阳市")


def test_it_keeps_portal_furniture_and_the_intro_out_of_the_tasks(plan):
    assert len(plan.furniture) == 8
    assert plan.furniture[0] == "• 无障碍浏览\n• 长辈版|"
    assert plan.furniture[-1].startswith("1-11月份，各地各部门")


def test_it_reads_the_tasks_and_drops_the_attachment_link(plan):
    assert rows(plan) == [
        (1, "新建改建城市道路15公里", [("市住建局", "lead")], [], ["完成13.6公里，完成率90.7%。"]),
        (2, "新增限上商贸流通企业100户", [("市商务局", "lead")], [], ["新增71户，完成率71%。"]),
        (3, "普惠性幼儿园覆盖率达85%", [("市教体局", "lead")], [], ["覆盖率83.2%。"]),
    ]
    assert messages(plan) == []
