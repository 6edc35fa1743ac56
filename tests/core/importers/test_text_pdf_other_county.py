"""The PDF-text importer reads the genre, not one file: a county table written for this test.

tests/fixtures/county-2022-h1-pdf-layout.txt is laid out as a PDF reader extracts such tables
(one cell line per line, blank lines between, a leading space at a page top, a footer), with a
county's unit names (县…局, 县发展改革委) that no registry lists, a seq line run together
with its target, unit and report header, and unit names broken over lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.core.importers import read_plan
from duban.core.importers.layouts.pdf_text import parse_text

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "county-2022-h1-pdf-layout.txt"


@pytest.fixture(scope="module")
def plan():
    return read_plan(FIXTURE)


def test_it_reads_the_period_from_the_title(plan):
    assert plan.year == 2022
    assert (plan.period.label, plan.period.end_month) == ("上半年", 6)


def test_it_reads_sections_titled_with_chinese_ordinals(plan):
    assert [(s.title, s.declared_count, len(s.tasks)) for s in plan.sections] == [
        ("一、经济发展目标", 3, 3),
        ("二、民生保障", 1, 1),
    ]


def test_it_recovers_every_task(plan):
    got = [
        (t.seq, t.target, [u.name for u in t.units], [(r.unit, r.text) for r in t.reports])
        for t in plan.tasks
    ]
    assert got == [
        (
            1,
            "全县生产总值增长6.5%左右，一般公共预算收入增长5%以上。",
            ["县发展改革委", "县财政局"],
            [
                ("县发展改革委", "1-6月，全县生产总值同比增长7.1%。"),
                ("县财政局", "1-6月，一般公共预算收入完成5.2亿元，同比增长6.3%。"),
            ],
        ),
        (
            2,
            "新建5G基站300个。",
            ["县工业和信息化局"],
            [(None, "1-6月，已建成5G基站180个，完成年度目标的60%。")],
        ),
        (
            3,
            "推进城区老旧小区改造20个，完成投资1.2亿元。",
            ["县住房和城乡建设局", "临河镇"],
            [
                ("县住房和城乡建设局", "已开工12个小区，完成投资0.45亿元。"),
                ("临河镇", "配合完成摸底调查。"),
            ],
        ),
        (
            4,
            "城镇新增就业4000人。",
            ["县人力资源和社会保障局"],
            [(None, "1-6月，城镇新增就业2150人。")],
        ),
    ]


def test_it_reads_a_countys_ordinary_units_by_their_words_and_warns_of_none(plan):
    assert [w.message for w in plan.warnings] == []
    assert {u.name for t in plan.tasks for u in t.units} >= {"县发展改革委", "临河镇"}


def test_it_takes_section_titles_without_counts_where_a_header_row_follows():
    text = FIXTURE.read_text(encoding="utf-8").replace("（共 3项）", "").replace("（共 1项）", "")
    plan = parse_text(text)
    assert [(s.title, s.declared_count) for s in plan.sections] == [
        ("一、经济发展目标", None),
        ("二、民生保障", None),
    ]
    assert len(plan.tasks) == 4
