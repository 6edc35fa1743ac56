"""Cell texts: unit lists and deadlines as districts write them (cells.py)."""

from __future__ import annotations

import pytest

from duban.core.importers.assemble.cells import parse_deadline, split_milestones, split_units
from duban.core.units import GENERAL, Registry, Unit


def test_it_splits_units_on_every_separator_and_drops_the_full_stop():
    got = [
        n
        for n, _ in split_units("区发改局、区财政局，区住建局；区自然资源局\n各镇（街）。", GENERAL)
    ]
    assert got == ["区发改局", "区财政局", "区住建局", "区自然资源局", "各镇（街）"]


def test_it_keeps_a_bracketed_alias_with_its_unit():
    got = [n for n, _ in split_units("区住建局（区人防办、区城管局）、区水利局", GENERAL)]
    assert got == ["区住建局（区人防办、区城管局）", "区水利局"]


def test_it_joins_a_unit_name_broken_over_two_lines():
    got = [n for n, _ in split_units("区商务和投资促\n进局\n丰源轮胎", GENERAL)]
    assert got == ["区商务和投资促进局", "丰源轮胎"]


def test_it_joins_the_two_lines_of_a_name_only_the_registry_knows():
    known = Registry([Unit("开发区管委会", "other")])
    assert [n for n, _ in split_units("开发区管委\n会", known)] == ["开发区管委会"]
    assert [n for n, _ in split_units("开发区管委\n会", GENERAL)] == ["开发区管委", "会"]


def test_it_reads_a_role_the_cell_states():
    assert split_units("区发改局牵头，各镇（街）配合", GENERAL) == [
        ("区发改局", "lead"),
        ("各镇（街）", "co"),
    ]


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        (
            "牵头单位：市教育局\n责任单位：各区人民政府、市住建局",
            [("市教育局", "lead"), ("各区人民政府", "co"), ("市住建局", "co")],
        ),
        (
            "牵头：县民政局；配合：县财政局、各乡镇",
            [("县民政局", "lead"), ("县财政局", "co"), ("各乡镇", "co")],
        ),
        ("主办单位:区卫健委 协办单位:区医保局", [("区卫健委", "lead"), ("区医保局", "co")]),
        # 责任单位 alone names the units, the first of which leads as in any unit cell
        ("责任单位：县发改局、县统计局", [("县发改局", None), ("县统计局", None)]),
    ],
)
def test_it_reads_the_roles_a_cell_labels(cell, read):
    assert split_units(cell, GENERAL) == read


@pytest.mark.parametrize(
    ("text", "month", "year", "ongoing"),
    [
        ("6月底前", 6, None, False),
        ("年底前", 12, None, False),
        ("2021年9月", 9, 2021, False),
        ("2021年底", 12, 2021, False),
        ("6月底前完成选址，年底前建成", 12, None, False),
        ("三季度", 9, None, False),
        ("2021-2023年", 12, 2023, False),
        ("长期坚持", None, None, True),
        ("持续推进", None, None, True),
    ],
)
def test_it_understands_deadlines(text, month, year, ongoing):
    d = parse_deadline(text)
    assert d is not None
    assert (d.month, d.year, d.ongoing) == (month, year, ongoing)


def test_it_says_when_a_deadline_is_not_understood():
    assert parse_deadline("按上级要求") is None


def test_it_splits_a_milestone_cell_by_its_periods():
    got = split_milestones("一季度：完成选址；\n二季度：开工建设；\n年底：主体完工")
    assert [(m.label, m.end_month, m.text) for m in got] == [
        ("一季度", 3, "完成选址"),
        ("二季度", 6, "开工建设"),
        ("年底", 12, "主体完工"),
    ]
