"""The progress table as Excel: three sheets, and text that looks like a formula stays text."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from duban.core.model import Report
from duban.core.render.table_xlsx import TASK_HEADERS, progress_cell_text, table_xlsx
from tests.core.render.judgements import BEHIND_1, example_judgement


@pytest.fixture(scope="module")
def workbook(example_plan):
    data = table_xlsx(example_plan, example_judgement(example_plan))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_it_writes_one_row_per_task_with_every_unit_under_its_header(workbook, example_plan):
    ws = workbook["任务"]
    assert [c.value for c in ws[1]] == list(TASK_HEADERS)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 108
    task1 = rows[0]
    assert task1[0] == 1 and task1[3] == "区发改局" and task1[4] == "各镇（街）"
    assert task1[5].startswith("区发改局：\n上半年，地区生产总值同比增长12.1%")
    assert "\n底阁镇：\n1-9月，固定资产投资2.36亿元" in task1[5]
    assert [r[5] for r in rows] == [progress_cell_text(t) for t in example_plan.tasks]


def test_it_writes_one_row_per_task_and_unit_report(workbook, example_plan):
    rows = list(workbook["报送"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(t.reports) for t in example_plan.tasks) == 231
    assert rows[0][:4] == (1, example_plan.task(1).target, "区发改局", "是")


def test_it_writes_verdicts_and_indicators_when_judged(workbook, example_plan):
    rows = list(workbook["研判"].iter_rows(min_row=2, values_only=True))
    first = rows[0]
    assert first[:4] == (1, "滞后", BEHIND_1, "固定资产投资")
    assert first[8] == -4.7
    assert rows[1][:4] == (1, None, None, "地区生产总值")  # openpyxl reads "" back as None
    task11 = next(r for r in rows if r[0] == 11)
    assert task11[1:3] == ("已完成", "=已完成全年目标")
    unjudged = openpyxl.load_workbook(io.BytesIO(table_xlsx(example_plan)))
    assert unjudged.sheetnames == ["任务", "报送"]


@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+86.83%", "-4.7%", "@区发改局", "=1+1"])
def test_it_keeps_formula_like_text_as_text(example_plan, text):
    task = replace(example_plan.task(1), target=text, reports=(Report("区发改局", text),))
    section = replace(example_plan.sections[0], tasks=(task,))
    data = table_xlsx(replace(example_plan, sections=(section,)))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    target = wb["任务"]["C2"]
    report = wb["报送"]["E2"]
    assert (target.data_type, target.value) == ("s", text)
    assert (report.data_type, report.value) == ("s", text)
