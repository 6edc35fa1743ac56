"""Row structure as offices build it, in one table as Word, Excel and PDF: a header over two
rows (牵头 / 配合 under a merged 责任单位), section rows across the table, a number with a mark
(2*), a group row whose sub-items each name a unit (3-1, 3-2), a project whose sub-items name
none (one task, items in order), a task with one row per unit under a merged number, long
rows that continue on the next page under the repeated header."""

from __future__ import annotations

import pytest

from tests.core.tables.reading import as_read, messages, read

LONG = (
    "完成年度计划的{p}%。一是压实责任，建立周调度、月通报工作机制，逐项明确时间节点；二是强化要素"
    "保障，协调解决用地、资金等问题{n}个；三是加强督导检查，开展现场督导{m}次，发现问题已全部整改到位。"
    "下一步将倒排工期、挂图作战，确保按期完成年度目标任务。"
)
PLACES = ("供水管网", "雨污分流", "背街小巷", "口袋公园", "农贸市场", "公共厕所")

EXPECTED = [
    ("1", "新培育规模以上工业企业15家", [("区工信局", "lead"), ("区统计局", "co")],
     [(None, "新培育规上工业企业12家，完成全年目标的80%。")]),
    ("2*", "推进新能源装备产业园建设，年内完成投资20亿元",
     [("区发改局", "lead"), ("区工信局", "co"), ("区自然资源局", "co")],
     [("区发改局", "完成投资17.6亿元，一期厂房主体封顶。"), ("区自然资源局", "完成用地报批320亩。")]),
    ("3-1", "农村道路提升工程：1.新建农村公路40公里", [("区交通运输局", "lead"), ("各镇（街）", "co")],
     [(None, "已完成32公里。")]),
    ("3-2", "农村道路提升工程：2.改造危桥5座", [("区水利局", "lead")],
     [(None, "已完成3座，2座正在施工。")]),
    ("4", "城区学校扩容工程：（一）新建小学1所；（二）改扩建初中1所",
     [("区教体局", "lead"), ("区财政局", "co")], [(None, "新建小学主体封顶，初中改扩建完成70%。")]),
    ("5", "完善养老服务体系，新建社区养老服务站8个", [("区民政局", "lead"), ("各镇（街）", "co")],
     [("区民政局", "新建社区养老服务站6个。"), ("各镇（街）", "完成选址8处，建成6处。")]),
    *[
        (str(n), f"实施城区{place}改造提升工程，完成投资{n}亿元", [("区住建局", "lead"), ("区城管局", "co")],
         [(None, LONG.format(p=60 + n, n=n + 3, m=n * 4) * 3)])
        for n, place in zip(range(6, 12), PLACES, strict=True)
    ],
]  # fmt: skip


@pytest.fixture(scope="module", params=["docx", "xlsx", "pdf"])
def plan(request):
    return read(f"rows-merged-subitems.{request.param}")


def test_it_reads_every_task_as_a_person_would(plan):
    assert as_read(plan) == EXPECTED


def test_sub_numbered_tasks_run_1_to_n_and_keep_the_documents_numbers(plan):
    assert [t.seq for t in plan.tasks] == list(range(1, 13))
    assert messages(plan) == [
        "sub-numbered tasks (3-1, 3-2 …): tasks are numbered 1 to N in document order, "
        "each keeps its number as written"
    ]


def test_sub_items_without_their_own_unit_stay_items_of_one_task(plan):
    assert plan.tasks[4].items == ("（一）新建小学1所", "（二）改扩建初中1所")
    assert plan.tasks[0].items == ()


def test_section_rows_across_the_table_open_sections(plan):
    assert [(s.title, [t.label for t in s.tasks]) for s in plan.sections] == [
        ("一、产业发展", ["1", "2*", "3-1", "3-2"]),
        ("二、民生保障", ["4", "5"]),
        ("三、城乡建设", ["6", "7", "8", "9", "10", "11"]),
    ]


def test_a_two_level_header_reads_lead_and_co_units(plan):
    assert [(c.header, c.meaning) for c in plan.columns] == [
        ("序号", "seq"),
        ("重点任务", "target"),
        ("责任单位/牵头单位", "lead"),
        ("责任单位/配合单位", "co"),
        ("进展情况", "progress"),
    ]
    assert (plan.period.label, plan.period.end_month) == ("截至11月底", 11)
