"""The units file (TOML): read, written back, and refused with a sentence saying what is wrong."""

from __future__ import annotations

import pytest

from duban.core.errors import InputError
from duban.core.units import load_units_file, parse_units, units_beside, units_toml

COUNTY = """
[organization]
name = "清河县"
level = "县"

[[unit]]
name = "县发改局"
kind = "department"
aliases = ["县发展和改革局", "发改局"]

[[unit]]
name = "城关镇"
kind = "town"

[[unit]]
name = "柳泉乡"
kind = "town"

[[group]]
name = "各乡镇"
aliases = ["各乡（镇）"]
kinds = ["town"]

[[group]]
name = "重点项目专班"
members = ["县发改局"]
"""


def test_it_reads_units_aliases_groups_and_the_organization():
    reg = parse_units(COUNTY)
    assert (reg.organization, reg.level) == ("清河县", "县")
    assert reg.canonical("县发展和改革局") == "县发改局"
    assert reg.kind("柳泉乡") == "town"
    assert reg.expand_group("各乡（镇）") == ("城关镇", "柳泉乡")
    assert reg.expand_group("重点项目专班") == ("县发改局",)


def test_it_writes_a_file_it_reads_back_the_same():
    reg = parse_units(COUNTY)
    again = parse_units(units_toml(reg))
    assert again.units == reg.units
    assert (again.organization, again.level) == ("清河县", "县")


def test_it_finds_the_file_beside_a_document(tmp_path):
    doc = tmp_path / "qinghe-2024.txt"
    doc.write_text("", encoding="utf-8")
    assert units_beside(doc).units == ()
    (tmp_path / "qinghe-2024.units.toml").write_text(COUNTY, encoding="utf-8")
    assert units_beside(doc).canonical("发改局") == "县发改局"


def test_the_example_ships_its_own_units(example_units):
    assert example_units.organization == "峄城区"
    assert example_units.canonical("区人社区") == "区人社局"  # the 2021 table's typo
    assert len(example_units.expand_group("各镇（街）")) == 7
    assert example_units.expand_group("政府各职能部门") == ()  # the office picks


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[unit]\nname = 1", "不是有效的 TOML"),
        ('[[unit]]\nkind = "town"', "第 1 个 [[unit]]没有 name"),
        ('[[unit]]\nname = "' + "局" * 300 + '"', "300 个字"),
        ('[[unit]]\nname = "、、。"', "只有标点符号"),
        (
            '[[unit]]\nname = "城关镇"\nkind = "castle"',
            "单位“城关镇”：类别“castle”不是 department、",
        ),
        ('[[unit]]\nname = "城关镇"\naliases = "关镇"', "aliases 应是字符串列表"),
        (
            '[[unit]]\nname = "县财政局"\naliases = ["财政局"]\n'
            '[[unit]]\nname = "县税务局"\naliases = ["财政局"]',
            "“财政局”既指“县财政局”又指“县税务局”",
        ),
        (
            '[[group]]\nname = "专班"\nmembers = ["县交通局"]',
            "成员“县交通局”不是文件中任何 [[unit]] 的名称",
        ),
        ('[[group]]\nname = "各乡镇"\nkinds = ["towns"]', "kinds：“towns”不是单位类别"),
        ('[organization]\nlevel = "省"', "层级“省”不是 市、区、县"),
    ],
)
def test_it_refuses_a_bad_file_with_what_is_wrong(text, says):
    with pytest.raises(InputError, match=None) as err:
        parse_units(text, source="qinghe.units.toml")
    assert says in str(err.value)
    assert str(err.value).startswith("qinghe.units.toml: ")


def test_it_says_a_units_file_is_missing(tmp_path):
    with pytest.raises(InputError, match="找不到单位文件"):
        load_units_file(tmp_path / "none.units.toml")
