"""A 民生实事 project table: project name and scale, years, money columns, a quarter period."""

from __future__ import annotations

import pytest

from duban.core.model import Figure
from tests.core.layouts.reading import read


@pytest.fixture(scope="module")
def plan():
    return read("cells-city-2023-q3-projects.txt")


def test_it_reads_the_quarter_from_the_title(plan):
    assert (plan.period.label, plan.period.end_month, plan.year) == ("第三季度", 9, 2023)


def test_it_reads_project_name_and_scale_as_the_target(plan):
    t = plan.task(1)
    assert t.target.startswith("城区学校扩容工程")
    assert t.target.endswith("新建小学2所、初中1所，新增学位3600个")


def test_it_reads_construction_years_as_the_deadline(plan):
    assert [t.deadline for t in plan.tasks] == [
        "2023.01-2023.12",
        "2023.03-2023.10",
        "2023.02-2023.12",
    ]


def test_it_keeps_money_columns_as_figures_with_their_units(plan):
    assert plan.task(1).figures == (
        Figure("total", 42000.0, "万元", "总投资（万元）", "42000"),
        Figure("target", 18000.0, "万元", "当年投资（万元）", "18000"),
    )
    assert plan.task(1).extra == ()


def test_it_reads_units_and_a_report_of_two_lines(plan):
    t = plan.task(3)
    assert [(u.name, u.role) for u in t.units] == [("市民政局", "lead"), ("各区", "co")]
    assert t.reports[0].text == "建成助餐点25个，完成率62.5%。"
