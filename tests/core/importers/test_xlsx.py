"""Excel tables (xlsx.py): the example round trip, merged cells, several sheets, header lower down."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from duban.core.errors import InputError
from duban.core.importers.formats.xlsx import read_xlsx
from duban.core.model import Figure
from tests.core.importers.tables import DECOMPOSITION_ROWS, comparable, progress_xlsx, sections_of


@pytest.mark.parametrize(
    "layout",
    [{}, {"per_unit_rows": True}],
    ids=["one-row-per-task", "merged-rows-per-unit"],
)
def test_it_reads_the_example_back_from_a_workbook(example_plan, tmp_path, layout):
    path = progress_xlsx(example_plan, tmp_path / "example.xlsx", **layout)
    plan = read_xlsx(path, units=example_plan.units)
    assert comparable(plan) == comparable(example_plan)
    assert sections_of(plan) == sections_of(example_plan)
    assert plan.title == example_plan.title
    assert plan.warnings == ()


def test_it_takes_each_sheet_as_a_section_when_sheets_hold_no_section_rows(example_plan, tmp_path):
    path = progress_xlsx(example_plan, tmp_path / "s.xlsx", sheet_per_section=True)
    plan = read_xlsx(path, units=example_plan.units)
    assert comparable(plan) == comparable(example_plan)
    assert [s.title for s in plan.sections] == [s.title[:30] for s in example_plan.sections]


@pytest.fixture(scope="module")
def decomposition(tmp_path_factory):
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["请各单位于每月25日前报送。"])
    ws = wb.create_sheet("任务分解")
    ws.append(["峄城区2021年重点工作任务分解表"])
    ws.merge_cells("A1:K1")
    ws.append([None] * 11)
    ws.append(["序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限", "形象进度",
               None, None, None, "总投资（万元）"])  # fmt: skip
    ws.append([None] * 6 + ["一季度", "二季度", "三季度", "四季度", None])
    for col in "ABCDEFK":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("G3:J3")
    ws.append(["一、经济发展"])
    ws.merge_cells(f"A{ws.max_row}:K{ws.max_row}")
    for values in DECOMPOSITION_ROWS:
        ws.append([int(values[0]), *values[1:], 1200.0])
    path = tmp_path_factory.mktemp("x") / "分解表.xlsx"
    wb.save(path)
    return read_xlsx(path)


def test_it_finds_the_header_below_the_title_and_merged_over_two_rows(decomposition):
    assert decomposition.title == "峄城区2021年重点工作任务分解表"
    assert decomposition.kind == "decomposition"
    assert [t.seq for t in decomposition.tasks] == [1, 2, 3, 4]
    assert [(m.label, m.end_month, m.text) for m in decomposition.task(4).milestones] == [
        ("一季度", 3, "完成招标"),
        ("二季度", 6, "开工建设"),
        ("三季度", 9, "完工"),
    ]
    assert (decomposition.task(4).deadline, decomposition.task(2).ongoing) == ("2021年9月", True)


def test_it_keeps_money_columns_as_figures_and_says_which_sheets_it_skipped(decomposition):
    assert decomposition.task(1).figures == (
        Figure("total", 1200.0, "万元", "总投资（万元）", "1200"),
    )
    assert decomposition.task(1).extra == ()
    assert [w.message for w in decomposition.warnings] == [
        "sheet '填表说明' holds no new task table: not read"
    ]
    assert sections_of(decomposition) == [("一、经济发展", None, 4)]


def test_it_refuses_a_workbook_without_a_task_table(tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.save(tmp_path / "通讯录.xlsx")
    with pytest.raises(InputError, match="no sheet of this Excel file has a header row"):
        read_xlsx(tmp_path / "通讯录.xlsx")
