"""General knowledge of unit names: rules over the words, true for any 县, 区, 市 or 乡镇."""

from __future__ import annotations

import pytest

from duban.core.units import (
    GENERAL,
    Registry,
    Unit,
    bracket_names,
    group_words,
    guess_kind,
    is_person,
    level_of,
    looks_like_unit,
    short_form,
)


@pytest.mark.parametrize(
    "name",
    [
        "县发展和改革局",
        "县发改局",
        "发改局",
        "清河县人民政府",
        "柳泉乡",
        "城关镇",
        "东关街道",
        "张庄村",
        "幸福社区",
        "县城投集团",
        "县供电公司",
        "县委宣传部",
        "县融媒体中心",
        "东湖区",
        "西山区",
        "开发区管委会",
        "重点项目攻坚专班",
        "县住建局(县人防办)",
        "各乡镇",
        "县直各有关部门",
    ],
)
def test_it_reads_an_ordinary_unit_by_its_words(name):
    assert looks_like_unit(name)
    assert not GENERAL.is_unknown(name)


@pytest.mark.parametrize(
    "text",
    ["美丽乡村", "智慧社区", "偏远山区", "全县", "示范区", "王建国", "抓好项目建设", "。。。", ""],
)
def test_it_does_not_take_a_phrase_a_common_noun_or_a_person_for_a_unit(text):
    assert not looks_like_unit(text)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("县财政局", "department"),
        ("柳泉乡", "town"),
        ("城关镇", "town"),
        ("东关街道", "street"),
        ("张庄村", "village"),
        ("幸福社区", "community"),
        ("县城投集团", "enterprise"),
        ("东湖区", "district"),
        ("高新区", "other"),
        ("各村（社区）", "group"),
    ],
)
def test_it_guesses_a_kind_from_the_words(name, kind):
    assert guess_kind(name) == kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("县发展和改革局", "县发改局"),
        ("县发改局", "发改局"),
        ("县人力资源和社会保障局", "人社局"),
        ("县住房和城乡建设局", "住建局"),
        ("财政局", "县财政局"),
        ("区生态环境分局", "区生态环境局"),
        ("区政府办公室", "区政府办"),
    ],
)
def test_it_reads_full_and_short_forms_of_a_department_as_one_unit(a, b):
    assert short_form(a) == short_form(b)
    assert GENERAL.same_unit(a, b)


def test_it_keeps_the_party_and_the_government_office_apart():
    assert not GENERAL.same_unit("区委办", "区政府办")
    assert not GENERAL.same_unit("县财政局", "县税务局")


def test_it_reads_a_bracketed_second_name_as_the_same_unit():
    assert bracket_names("市委农办(市农业局)") == ("市委农办", "市农业局")
    assert GENERAL.same_unit("市委农办(市农业局)", "市农业局")
    assert bracket_names("各镇（街）") == ()


@pytest.mark.parametrize(
    ("name", "kinds", "open_ended"),
    [
        ("各镇（街）", ("town", "street"), False),
        ("各乡镇", ("town",), False),
        ("各街道", ("street",), False),
        ("各镇街", ("town", "street"), False),
        ("各村", ("village",), False),
        ("各社区", ("community",), False),
        ("各村（社区）", ("village", "community"), False),
        ("各区县", ("district",), False),
        ("各有关部门", ("department",), True),
        ("县直各有关部门", ("department",), True),
        ("政府各职能部门", ("department",), True),
    ],
)
def test_it_recognises_a_group_by_its_words(name, kinds, open_ended):
    g = group_words(name)
    assert g is not None
    assert (g.kinds, g.open_ended) == (kinds, open_ended)


def test_an_open_ended_group_of_units_takes_any_kind_and_names_what_it_names():
    members = group_words("领导小组成员单位")
    assert members is not None and members.open_ended and "village" in members.kinds
    named = group_words("县人社局等执法部门")
    assert named is not None and named.named == ("县人社局",) and named.open_ended


@pytest.mark.parametrize("name", ["王建国", "李明同志", "欧阳明", "赵刚副县长"])
def test_it_knows_a_persons_name_is_no_unit(name):
    assert is_person(name)


@pytest.mark.parametrize("name", ["农高区", "风管委", "柳泉乡", "县财政局"])
def test_a_unit_is_no_person(name):
    assert not is_person(name)


@pytest.mark.parametrize(
    ("org", "level"),
    [("清河县", "县"), ("东湖区", "区"), ("临川市", "市"), ("柳泉乡", "乡"), ("东关街道", "街道")],
)
def test_it_reads_an_organizations_level_from_its_name(org, level):
    assert level_of(org) == level


def test_a_towns_group_expands_to_the_organizations_own_towns_and_an_open_one_to_nobody():
    county = Registry(
        [
            Unit("城关镇", "town"),
            Unit("柳泉乡", "town"),
            Unit("东关街道", "street"),
            Unit("县财政局", "department"),
        ],
        level="县",
    )
    assert county.expand_group("各乡镇") == ("城关镇", "柳泉乡")
    assert county.expand_group("各镇（街）") == ("城关镇", "柳泉乡", "东关街道")
    assert county.expand_group("各有关部门") == ()
    assert county.expand_group("县财政局等有关部门") == ("县财政局",)
    assert GENERAL.expand_group("各乡镇") == ()  # nobody's towns: no place data in the core


def test_a_group_covers_its_kinds_and_a_unit_covers_its_short_form():
    county = Registry([Unit("城关镇", "town"), Unit("县发改局", "department")], level="县")
    assert county.covers("各乡镇", "城关镇")
    assert not county.covers("各乡镇", "县发改局")
    assert county.covers("各有关部门", "县发改局")
    assert county.covers("县发展和改革局", "发改局")
    assert not county.covers("县发改局", "城关镇")


def test_it_lists_known_units_an_unknown_spelling_is_likely_the_same_as():
    county = Registry([Unit("县财政局", "department"), Unit("县发改局", "department")])
    assert county.likely_same("财政局") == ("县财政局",)
    assert county.likely_same("县发展和改革局") == ("县发改局",)
    assert county.likely_same("县财政局") == ()  # known already
    assert county.likely_same("县税务局") == ()


def test_a_group_with_named_members_stands_for_them_alone():
    county = Registry(
        [
            Unit("县人社局", "department"),
            Unit("县财政局", "department"),
            Unit("县人社局等执法部门", "group", (), ("县人社局",)),
        ]
    )
    assert county.expand_group("县人社局等执法部门") == ("县人社局",)
    assert county.covers("县人社局等执法部门", "县财政局")  # a department's report is not unlisted
