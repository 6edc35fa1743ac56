"""A county's 民生实事 table in ' | ' rows: a section title above the header, name and content."""

from __future__ import annotations

import pytest

from tests.core.layouts.reading import read


@pytest.fixture(scope="module")
def plan():
    return read("pipe-rows-county-2023-livelihood.txt")


def test_it_reads_the_as_of_date_in_the_title(plan):
    assert plan.title == "2023年县政府十件民生实事项目进展情况（截至9月30日）"
    assert (plan.period.end_month, plan.district) == (9, "铜岭县")


def test_it_opens_the_table_with_the_section_title_set_above_its_header(plan):
    assert [(s.title[:4], [t.seq for t in s.tasks]) for s in plan.sections] == [
        ("一、教育", [1, 2]),
        ("二、卫生", [3]),
    ]
    assert plan.furniture == ("铜岭县人民政府",)


def test_it_reads_project_name_content_deadline_units_and_progress(plan):
    t = plan.task(1)
    assert t.target.startswith("城南小学新建工程")
    assert t.target.endswith("新建教学楼2栋，新增学位1080个")
    assert (t.deadline, t.ongoing) == ("2023年8月底", False)
    assert [(u.name, u.role) for u in t.units] == [("县教体局", "lead"), ("县住建局", "co")]
    assert [(u.name, u.role) for u in plan.task(3).units] == [
        ("县卫健委", "lead"),
        ("各乡镇", "co"),
    ]
    assert plan.task(3).reports[0].text == "尚未启动，资金未到位。"
