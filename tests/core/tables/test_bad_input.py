"""Bad input: a header naming no column duban knows is refused in one sentence that names the
headers it saw (exit code 2 on the command line); rows with more cells than the header are
read with a warning per row, naming it, and their extra cells kept."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook

from duban.cli import main
from duban.core.errors import InputError
from duban.core.importers import read_plan

UNKNOWN = ["甲方", "乙方", "签订日期", "金额"]
ROW = ["城区供水管网改造", "县水利局", "2024年3月", "1200"]


def _docx(path, rows):
    doc = Document()
    doc.add_paragraph("2024年合同登记表")
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for tr, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(tr.cells, texts, strict=False):
            cell.text = text
    doc.save(path)
    return path


def _xlsx(path, rows):
    wb = Workbook()
    wb.active.append(["2024年合同登记表"])
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def _txt(path, rows):
    path.write_text("\n".join(" | ".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("write", "suffix", "said"),
    [
        (_docx, "docx", r"the table's header \(甲方、乙方、签订日期、金额\) names no column"),
        (_xlsx, "xlsx", "the first row reads 甲方、乙方、签订日期、金额"),
        (_txt, "txt", "its first row reads 甲方、乙方、签订日期、金额"),
    ],
)
def test_a_header_naming_no_known_column_is_refused_naming_the_headers(
    tmp_path, write, suffix, said
):
    path = write(tmp_path / f"contracts.{suffix}", [UNKNOWN, ROW])
    with pytest.raises(InputError, match=said):
        read_plan(path)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "甲方、乙方、签订日期、金额" in result.output


HEADER = ["序号", "工作任务", "责任单位", "进展情况"]
ROWS = [
    HEADER,
    ["1", "新建公园2处", "县住建局", "已完工1处。"],
    ["2", "新增停车泊位500个", "县公安局", "完成320个。", "另有80个在建", "见附件"],
    ["3", "改造老旧小区10个", "县住建局", "已开工8个。"],
]


@pytest.mark.parametrize(("write", "suffix"), [(_docx, "docx"), (_xlsx, "xlsx")])
def test_extra_cells_in_a_table_are_kept_with_a_warning_naming_the_row(tmp_path, write, suffix):
    plan = read_plan(write(tmp_path / f"extra.{suffix}", ROWS))
    line = plan.task(2).line
    assert [w.message for w in plan.warnings if "registry" not in w.message] == [
        f"row {line} has 6 cells, the header 4: the cells after column 4 are kept"
    ]
    assert plan.task(2).extra == (("第5列", "另有80个在建"), ("第6列", "见附件"))
    assert [t.reports[0].text for t in plan.tasks] == ["已完工1处。", "完成320个。", "已开工8个。"]


def test_extra_cells_of_a_text_row_are_kept_in_the_last_text_column_with_a_warning(tmp_path):
    plan = read_plan(_txt(tmp_path / "extra.txt", ROWS))
    assert [w.message for w in plan.warnings if "registry" not in w.message] == [
        "row 3 has 6 cells, the header 4: the extra cells are kept in column '进展情况'"
    ]
    assert plan.task(2).reports[0].text.split("\n") == ["完成320个。", "另有80个在建见附件"]
