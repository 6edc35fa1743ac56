"""A table of indicators with numeric columns, the office's own status, people and deadlines,
its lead unit and leader merged down over two rows: as Word, Excel, PDF and a web page whose
merged cells vanished (the '|' kept)."""

from __future__ import annotations

import pytest

from duban.core.model import DocumentStatus, Figure, Period, Person
from tests.core.tables.reading import messages, read

JULY = Period("1-7月", 7, 2024)
FORMS = ["docx", "xlsx", "pdf", "txt"]


@pytest.fixture(scope="module", params=FORMS)
def plan(request):
    return read(f"figures-status-people.{request.param}")


def test_it_says_the_target_with_its_number_and_unit(plan):
    assert [t.target for t in plan.tasks] == [
        "城镇新增就业26000人",
        "农村劳动力转移就业8000人",
        "新建改造农村公路50公里",
        "新增城区停车泊位1200个",
    ]


def test_it_keeps_each_number_with_its_role_header_unit_and_period(plan):
    assert plan.task(1).figures == (
        Figure("target", 26000.0, "人", "目标任务", "26000"),
        Figure("actual", 15200.0, "人", "1-7月完成", "15200", JULY),
        Figure("share", 58.5, "%", "完成比例(%)", "58.5"),
    )
    assert [f.unit for f in plan.task(3).figures] == ["公里", "公里", "%"]


def test_it_keeps_the_offices_own_status_as_written(plan):
    assert [t.status for t in plan.tasks] == [
        (DocumentStatus("是否达序", "是"), DocumentStatus("备注", "达到时间进度")),
        (DocumentStatus("是否达序", "否"), DocumentStatus("备注", "滞后")),
        (DocumentStatus("是否达序", "是"), DocumentStatus("备注", "超额完成")),
        (DocumentStatus("是否达序", "否"), DocumentStatus("备注", "滞后")),
    ]


def test_a_merged_lead_unit_and_leader_hold_for_both_rows_and_people_are_no_units(plan):
    task = plan.task(2)
    assert [(u.name, u.role) for u in task.units] == [("县人社局", "lead")]
    assert task.people == (Person("周文海", "责任领导"),)
    assert all(u.name != "周文海" for t in plan.tasks for u in t.units)


def test_it_reads_deadlines_and_the_period_of_the_title(plan):
    assert [(t.deadline, t.due_year, t.due_month) for t in plan.tasks] == [
        ("年底前", None, 12),
        ("12月底前", None, 12),
        ("11月底前", None, 11),
        ("2024年10月", 2024, 10),
    ]
    assert (plan.period, plan.year, plan.kind) == (JULY, 2024, "progress")


def test_it_lists_how_each_column_was_read(plan):
    assert [(c.header, c.meaning, c.role) for c in plan.columns] == [
        ("序号", "seq", ""),
        ("指标名称", "target", ""),
        ("目标任务", "figure", "target"),
        ("1-7月完成", "figure", "actual"),
        ("完成比例(%)", "figure", "share"),
        ("牵头单位", "lead", ""),
        ("责任领导", "leader", ""),
        ("是否达序", "status", ""),
        ("备注", "notes", ""),
        ("完成时限", "deadline", ""),
    ]


def test_only_the_web_page_says_it_carried_the_merged_cells_down(plan):
    carried = [
        "the row has no 牵头单位 cell (merged with the row above?): '县人社局' carried down",
        "the row has no 责任领导 cell (merged with the row above?): '周文海' carried down",
    ]
    assert messages(plan) == (carried if plan.source.endswith(".txt") else [])
