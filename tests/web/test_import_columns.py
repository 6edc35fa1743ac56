"""What a table says beside its targets and progress is kept by an import: people, figures, the
office's own status, sub-items, the number as written, the deadline understood, and a second
progress column's earlier period; re-importing changes nothing; to_core gives it all back."""

from __future__ import annotations

import dataclasses

import pytest

from duban.core.model import (
    DocumentStatus,
    Figure,
    Period,
    Person,
    Plan,
    Report,
    Section,
    Task,
    UnitRef,
)

OCTOBER = Period("1-10月", 10, 2024)
NOVEMBER = Period("1-11月", 11, 2024)


def _plan(period: Period = NOVEMBER, done: str = "21000", earlier: bool = True) -> Plan:
    task = Task(
        seq=1,
        target="城镇新增就业26000人",
        units=(UnitRef("县人社局", "lead"),),
        reports=(Report(None, f"新增就业{done}人。"),),
        deadline="2024年底前",
        people=(Person("王某", "分管县领导"),),
        number="1*",
        due_year=2024,
        due_month=12,
        figures=(
            Figure("target", 26000.0, "人", "城镇新增就业（人）", "26000"),
            Figure("actual", float(done), "人", f"{period.label}完成", done),
        ),
        status=(DocumentStatus("是否达序", "是"),),
        items=("（一）新增就业", "（二）技能培训"),
        earlier_reports=((Report(None, "新增就业19000人。", period=OCTOBER),) if earlier else ()),
    )
    return Plan(
        title="2024年重点工作推进情况表",
        year=2024,
        district="示范县",
        period=period,
        sections=(Section(0, "一、民生", None, (task,)),),
        earlier_periods=(OCTOBER,) if earlier else (),
    )


@pytest.fixture
def imported(db):
    from duban.web.plans.services import plan_import

    return plan_import(_plan(), source="november")


def test_it_keeps_people_figures_status_items_and_the_number_as_written(imported):
    from duban.web.plans.models import Task

    task = Task.objects.get()
    assert (task.number, task.due_year, task.due_month) == ("1*", 2024, 12)
    assert task.people == [{"name": "王某", "role": "分管县领导"}]
    assert task.items == ["（一）新增就业", "（二）技能培训"]
    month = {"label": "1-11月", "end_month": 11, "kind": "month"}
    assert task.figures == [
        {"header": "城镇新增就业（人）", "role": "target", "text": "26000", "value": 26000.0,
         "unit": "人", "period": None},
        {"header": "1-11月完成", "role": "actual", "text": "21000", "value": 21000.0,
         "unit": "人", "period": month},
    ]  # fmt: skip
    assert task.document_status == [{"header": "是否达序", "text": "是", "period": month}]


def test_it_stores_the_earlier_progress_column_as_the_earlier_period(imported):
    from duban.web.plans.models import Period as DbPeriod
    from duban.web.plans.models import Report as DbReport

    periods = [(p.label, p.kind, p.end_month) for p in DbPeriod.objects.order_by("end_month")]
    assert periods == [("1-10月", "month", 10), ("1-11月", "month", 11)]
    texts = {r.period.end_month: r.text for r in DbReport.objects.select_related("period")}
    assert texts == {10: "新增就业19000人。", 11: "新增就业21000人。"}


def test_it_changes_nothing_when_the_same_table_is_imported_again(imported):
    from duban.web.plans.services import plan_import

    again = plan_import(_plan(), source="november")
    assert not again.changed and again.reports_unchanged == 2


def test_it_keeps_each_periods_figures_when_a_later_period_is_imported(imported):
    from duban.web.plans.models import Plan as DbPlan
    from duban.web.plans.models import Task
    from duban.web.plans.seam import to_core
    from duban.web.plans.services import plan_import

    december = Period("1-12月", 12, 2024)
    plan_import(_plan(december, done="26500", earlier=False), source="december")
    stored = Task.objects.get().figures
    assert [(f["role"], f["text"]) for f in stored] == [
        ("actual", "21000"),
        ("target", "26000"),
        ("actual", "26500"),
    ]
    db_plan = DbPlan.objects.get()
    november = db_plan.periods.get(end_month=11)
    task = to_core(db_plan, november).tasks[0]
    assert [(f.role, f.text) for f in task.figures] == [("actual", "21000"), ("target", "26000")]
    assert task.status == (DocumentStatus("是否达序", "是", dataclasses.replace(
        NOVEMBER, year=2024)),)  # fmt: skip
    assert (task.people, task.number, task.items) == (
        (Person("王某", "分管县领导"),),
        "1*",
        ("（一）新增就业", "（二）技能培训"),
    )
