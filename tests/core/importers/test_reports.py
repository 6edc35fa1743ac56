"""A progress cell read as one report per unit (assemble/reports.py)."""

from __future__ import annotations

from duban.core.importers.assemble.reports import split_reports
from duban.core.units import GENERAL


def _reports(text: str, task_units: list[str]) -> list[tuple[str | None, str]]:
    warnings: list = []
    return [
        (r.unit, r.text)
        for r in split_reports([(text, 3, None)], task_units, 1, None, warnings, GENERAL)
    ]


def test_a_line_holding_several_units_reports_is_cut_at_each_units_header():
    cell = "县发改局：1-6月，投资增长7.1%。城关镇：完成4.2亿元。柳泉乡：完成1.1亿元；县统计局：已核实。"
    assert _reports(cell, ["县发改局", "县统计局", "各乡镇"]) == [
        ("县发改局", "1-6月，投资增长7.1%。"),
        ("城关镇", "完成4.2亿元。"),
        ("柳泉乡", "完成1.1亿元；"),
        ("县统计局", "已核实。"),
    ]


def test_words_before_a_colon_that_name_no_unit_of_the_task_stay_in_the_report():
    cell = "县住建局：已开工5个小区。其中：城东小区主体完工。一是：加快进度。"
    assert _reports(cell, ["县住建局"]) == [("县住建局", cell.removeprefix("县住建局："))]
