"""The layout is detected from the text itself; our example still goes to its own reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban.core.errors import InputError
from duban.core.importers.layouts.detect import (
    debug_layout,
    detect_layout,
    parse_any_text,
    read_text_file,
)
from duban.core.importers.layouts.pdf_text import parse_text
from duban.core.model import plan_to_dict
from duban.core.units import units_beside
from tests.core.layouts.reading import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "yicheng-2021-q3.txt"


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("cells-county-2024-june.txt", "cells"),
        ("cells-city-2023-q3-projects.txt", "cells"),
        ("pipe-rows-city-2023-october.txt", "pipe-rows"),
        ("pipe-cells-county-2024-april.txt", "pipe-cells"),
        ("list-county-2024-decomposition.txt", "list"),
        ("tabs-district-2024-q1.txt", "tab-rows"),
        ("cells-city-2020-november-portal.txt", "cells"),
        ("pipe-rows-county-2023-livelihood.txt", "pipe-rows"),
    ],
)
def test_it_detects_each_web_layout(name, layout):
    assert detect_layout((FIXTURES / name).read_text(encoding="utf-8")) == layout


def test_it_reads_a_file_in_any_layout_and_the_example_as_its_golden_copy(tmp_path):
    golden = json.loads((ROOT / "tests" / "golden" / "yicheng-2021-q3.plan.json").read_text())
    assert plan_to_dict(read_text_file(EXAMPLE, units=units_beside(EXAMPLE))) == golden
    path = tmp_path / "gbk-table.txt"
    path.write_bytes(
        "序号 | 工作任务 | 责任单位 | 进展情况\n1 | 新建公园 | 区城管局 | 已完成。\n".encode(
            "gb18030"
        )
    )
    assert [t.target for t in read_text_file(path).tasks] == ["新建公园"]


def test_it_hands_the_example_to_the_pdf_reader_unchanged():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert detect_layout(text) == "pdf"
    units = units_beside(EXAMPLE)
    plan = parse_any_text(text, str(EXAMPLE), units=units)
    assert plan == parse_text(text, source=str(EXAMPLE), units=units)
    assert len(plan.tasks) == 108
    assert [t.seq for t in plan.tasks] == list(range(1, 109))


def test_it_reads_a_markdown_table():
    text = (
        "| 序号 | 工作任务 | 责任单位 | 进展情况 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 新建公园2处 | 区城管局 | 已完成。 |\n"
    )
    plan = parse_any_text(text, "md")
    assert [(t.seq, t.target, t.reports[0].text) for t in plan.tasks] == [
        (1, "新建公园2处", "已完成。")
    ]


def test_it_refuses_text_that_is_no_table_and_says_what_it_reads():
    with pytest.raises(InputError, match="no task table found") as err:
        parse_any_text("今天天气很好。\n\n我们去公园。\n", "note.txt")
    assert err.value.source == "note.txt"


def test_it_lays_its_layers_bare_for_debugging():
    text = (FIXTURES / "pipe-cells-county-2024-april.txt").read_text(encoding="utf-8")
    out = list(debug_layout(text))
    assert out[:2] == ["layout: pipe-cells", "title: 2024年4月份县政府工作报告重点任务进展情况"]
    assert (
        "    9 header    序号 ‖ 年度任务目标 ‖ 牵头责任单位 ‖ 责任单位 ‖ 督导意见 ‖ 当前进度" in out
    )
    assert out[-1].startswith("warning line 30: the row has no 责任单位 cell")
