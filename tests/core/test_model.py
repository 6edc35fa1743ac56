"""The core model: period kinds read from labels, and plan_to_dict / plan_from_dict inverse."""

from __future__ import annotations

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
    period_kind,
    plan_from_dict,
    plan_to_dict,
)


@pytest.mark.parametrize(
    ("label", "end_month", "kind"),
    [
        ("第三季度", 9, "quarter"),
        ("一季度", 3, "quarter"),
        ("前三季度", 9, "quarter"),
        ("上半年", 6, "half"),
        ("半年", 6, "half"),
        ("1-7月", 7, "month"),
        ("截至11月底", 11, "month"),
        ("截至6月20日", 6, "month"),
        ("2024年4月", 4, "month"),
        ("12月", 12, "month"),
        ("全年", 12, "year"),
        ("年度", 12, "year"),
    ],
)
def test_it_reads_a_periods_kind_from_its_label(label, end_month, kind):
    assert period_kind(label, end_month) == kind
    assert Period(label, end_month).kind == kind


def test_it_keeps_a_kind_it_is_given():
    assert Period("第四季度", 12, 2024, "quarter").kind == "quarter"


def _full_plan() -> Plan:
    october = Period("1-10月", 10, 2024)
    task = Task(
        seq=3,
        target="城镇新增就业26000人",
        units=(UnitRef("县人社局", "lead", None), UnitRef("县财政局", "co", None)),
        reports=(Report("县人社局", "新增就业21000人。"),),
        line=7,
        deadline="年底前",
        people=(Person("王某", "分管县领导"), Person("李某", "责任人")),
        extra=(("联系电话", "1234"),),
        number="3-1",
        due_year=2024,
        due_month=12,
        figures=(
            Figure("target", 26000.0, "人", "城镇新增就业（人）", "26000"),
            Figure("actual", 19000.0, "人", "1-10月完成", "19000", october),
            Figure("share", 80.8, "%", "完成比例(%)", "80.8"),
        ),
        status=(DocumentStatus("是否达序", "是"),),
        items=("（一）新增就业", "（二）技能培训"),
        earlier_reports=(Report(None, "新增就业19000人。", period=october),),
    )
    return Plan(
        title="2024年重点工作推进情况表（1-11月）",
        year=2024,
        district="某县",
        period=Period("1-11月", 11, 2024),
        sections=(Section(0, "一、民生", None, (task,)),),
        earlier_periods=(october,),
    )


def test_it_reads_back_every_field_it_writes():
    plan = _full_plan()
    assert plan_from_dict(plan_to_dict(plan)) == plan


def test_it_writes_the_period_kind_and_the_people_as_leaders_too():
    data = plan_to_dict(_full_plan())
    assert data["period"] == {"label": "1-11月", "end_month": 11, "kind": "month", "year": 2024}
    task = data["sections"][0]["tasks"][0]
    assert task["leaders"] == ["王某", "李某"]
    assert task["number"] == "3-1"
    assert task["due"] == {"year": 2024, "month": 12}


def test_it_reads_leaders_written_before_people_existed():
    data = plan_to_dict(_full_plan())
    del data["sections"][0]["tasks"][0]["people"]
    task = plan_from_dict(data).tasks[0]
    assert task.people == (Person("王某", ""), Person("李某", ""))
    assert task.label == "3-1"
