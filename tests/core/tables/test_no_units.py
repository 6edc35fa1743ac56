"""A table with no unit column and no 序号, its 完成情况 column holding only the office's word
(达序推进 / 已完工) beside a column of reports: a valid plan, numbered in order, said so once."""

from __future__ import annotations

import pytest

from duban.core.model import DocumentStatus
from tests.core.tables.reading import messages, read


@pytest.fixture(scope="module", params=["docx", "xlsx", "pdf"])
def plan(request):
    return read(f"no-units-status.{request.param}")


def test_tasks_without_units_are_numbered_in_order_and_the_plan_says_so_once(plan):
    assert [(t.seq, t.target, t.units) for t in plan.tasks] == [
        (1, "新建城乡公交候车亭60座", ()),
        (2, "完成既有住宅加装电梯30台", ()),
        (3, "新增婴幼儿托位300个", ()),
    ]
    assert messages(plan) == [
        "the table has no column of responsible units: its tasks are kept without units",
        "no 序号: tasks are numbered 1 to N in document order",
    ]


def test_status_words_beside_reports_are_the_offices_status(plan):
    assert [t.status for t in plan.tasks] == [
        (DocumentStatus("完成情况", "达序推进"),),
        (DocumentStatus("完成情况", "已完工"),),
        (DocumentStatus("完成情况", "顺利推进"),),
    ]
    assert plan.task(2).reports[0].text == "已竣工投用31台。"
    assert (plan.period.label, plan.period.kind, plan.kind) == ("第三季度", "quarter", "progress")
