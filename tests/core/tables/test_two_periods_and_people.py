"""Two progress columns for two periods (完成情况 over 1-10月 and 1-11月): the later is the
current report, the earlier the plan's earlier period; people's columns with spaces inside
names are people, never units. As Word, Excel and PDF."""

from __future__ import annotations

import pytest

from duban.core.model import Period, Person
from tests.core.tables.reading import messages, read

OCTOBER = Period("1-10月", 10, 2024)


@pytest.fixture(scope="module", params=["docx", "xlsx", "pdf"])
def plan(request):
    return read(f"two-periods-people.{request.param}")


def test_the_later_column_is_the_current_period(plan):
    assert plan.period == Period("1-11月", 11, 2024)
    assert plan.earlier_periods == (OCTOBER,)
    assert [r.text for t in plan.tasks for r in t.reports] == [
        "完成造林1.2万亩，任务全部完成。",
        "建成5G基站271个，完成90.3%。",
        "新增市场主体3820户，完成95.5%。",
    ]


def test_the_earlier_column_gives_reports_of_the_earlier_period(plan):
    assert [(r.unit, r.text, r.period) for r in plan.task(2).earlier_reports] == [
        (None, "建成5G基站236个。", OCTOBER)
    ]


def test_people_are_people_with_the_column_that_names_them(plan):
    assert [t.people for t in plan.tasks] == [
        (Person("孙丽", "责任人"), Person("钱国栋", "协管责任人")),
        (Person("李强", "责任人"),),
        (Person("王建平", "责任人"), Person("周敏", "协管责任人")),
    ]
    assert [[u.name for u in t.units] for t in plan.tasks] == [
        ["县林业局"],
        ["县工信局"],
        ["县市场监管局"],
    ]
    assert messages(plan) == []
