"""Any office, not one district (issue 15): three invented organizations of other levels — a 县
with 乡, 镇 and 县直 departments, a 市 whose units include its 区, a 镇 of 村 and 社区 — each
imports its own table (preview, confirm), opens a round whose slots are its own units and the
members its office picked for open-ended groups, and gets a bulletin and a table that name them
in its own words. Another organization stands beside each and nothing of it leaks in."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import pytest

from tests.web.conftest import download, small_plan, upload
from tests.web.orgs.conftest import FIXTURES, make_office


@dataclass(frozen=True)
class Office:
    name: str
    level: str
    table: str
    new_units: frozenset[str]
    picks: dict[str, tuple[str, ...]]  # open-ended group → the units the office ticks
    slots: frozenset[tuple[int, str]]  # (task, unit) of the round it opens
    words: tuple[str, ...]  # what its bulletin says in its own words


def slots(*pairs: tuple[int, str]) -> frozenset[tuple[int, str]]:
    return frozenset(pairs)


COUNTY = Office(
    "青禾县",
    "县",
    "qinghe-county-2024-q2.xlsx",
    frozenset(
        {"县发展和改革局", "县统计局", "各乡镇", "城关镇", "柳泉乡", "白沙镇", "县财政局"}
        | {"县税务局", "县行政审批服务局", "县直各有关部门", "县农业农村局"}
    ),
    {"县直各有关部门": ("县财政局",)},
    slots(
        *((1, u) for u in ("县发展和改革局", "县统计局", "城关镇", "柳泉乡", "白沙镇")),
        (2, "县财政局"),
        (2, "县税务局"),
        (3, "县行政审批服务局"),
        (3, "县财政局"),
        *((4, u) for u in ("县农业农村局", "城关镇", "柳泉乡", "白沙镇")),
    ),
    (
        "青禾县政务督查",
        "各乡镇人民政府，县政府各部门、各直属单位：",
        "各责任单位认真落实县委、县政府部署",
    ),
)
CITY = Office(
    "白石市",
    "市",
    "baishi-city-2024-q3.xlsx",
    frozenset(
        {"市发展和改革委员会", "各区", "东岭区", "西岭区", "市住房和城乡建设局"}
        | {"市大数据中心", "市直各有关部门"}
    ),
    {"市直各有关部门": ("市住房和城乡建设局", "市发展和改革委员会")},
    slots(
        (1, "市发展和改革委员会"),
        (1, "东岭区"),
        (1, "西岭区"),
        (2, "市住房和城乡建设局"),
        (2, "东岭区"),
        (3, "市大数据中心"),
        (3, "市住房和城乡建设局"),
        (3, "市发展和改革委员会"),
    ),
    (
        "白石市政务督查",
        "各区人民政府，市政府各部门、各直属单位：",
        "各责任单位认真落实市委、市政府部署",
    ),
)
TOWN = Office(
    "石桥镇",
    "镇",
    "shiqiao-town-2024-h1.xlsx",
    frozenset(
        {"镇农业农村办公室", "各村", "石桥村", "柳湾村", "镇村镇建设办公室", "各社区"}
        | {"南街社区", "镇人居环境整治办公室", "各村（社区）", "北关社区"}
    ),
    {},
    slots(
        (1, "镇农业农村办公室"),
        (1, "石桥村"),
        (1, "柳湾村"),
        (2, "镇村镇建设办公室"),
        (2, "南街社区"),
        (2, "北关社区"),
        *((3, u) for u in ("镇人居环境整治办公室", "石桥村", "柳湾村", "南街社区", "北关社区")),
    ),
    ("石桥镇政务督查", "各村、社区，镇直各单位：", "各责任单位认真落实镇党委、镇政府部署"),
)


@pytest.fixture
def neighbour(db, example_units):
    """峄城区 beside them, with its own units, plan and reports."""
    from duban.web.plans.services import plan_import

    plan_import(replace(small_plan(), units=example_units), source="small")


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("case", [COUNTY, CITY, TOWN], ids=["county", "city", "town"])
def test_an_office_of_any_level_runs_its_own_units_from_import_to_bulletin(case, neighbour, client):
    from duban.web.orgs.models import Unit

    org, office = make_office(case.name, case.level)
    client.force_login(office)
    page = upload(client, org, FIXTURES / case.table)
    preview = page.context["preview"]
    assert {u.name for u in preview.new_units} == case.new_units
    assert not preview.unknown_units and not preview.warnings and not preview.name_problems
    assert not org.units.exists()  # nothing written before the confirmation
    token = page.context["token"]
    assert client.post(f"/orgs/{org.pk}/upload/confirm/", {"token": token}).status_code == 302
    plan = org.plans.get()
    imported = plan.periods.get()

    form = {"label": "第四季度", "end_month": 12, "kind": "quarter", "deadline": "2099-12-31"}
    units = {u.name: u for u in org.units.all()}
    for group, members in case.picks.items():
        form["group"] = units[group].pk
        form[f"member-{units[group].pk}"] = [units[m].pk for m in members]
    assert client.post(f"/plans/{plan.pk}/rounds/new/", form).status_code == 302
    period = plan.periods.get(end_month=12)
    asked = set(period.reports.values_list("task__seq", "unit__name"))
    assert asked == case.slots
    assert not period.reports.exclude(unit__organization=org).exists()
    assert not Unit.objects.filter(organization=org, name__in=["区发改局", "底阁镇"]).exists()

    bulletin = docx_text(download(client, f"/periods/{imported.pk}/bulletin.docx").content)
    for words in case.words:
        assert words in bulletin
    assert "区委" not in bulletin and "峄城" not in bulletin
    table = docx_text(download(client, f"/periods/{imported.pk}/table.docx").content)
    named = {u for _, u in case.slots} - {m for ms in case.picks.values() for m in ms}
    assert [n for n in sorted(named) if n not in table] == []
    assert "区发改局" not in table and "底阁镇" not in table


def test_organizations_side_by_side_keep_their_own_searches_and_group_choices(neighbour, client):
    """Two offices, one database: a group choice, a search and an import of one stay its own."""
    from duban.web.orgs.models import Organization

    county, office = make_office("青禾县", "县")
    client.force_login(office)
    page = upload(client, county, FIXTURES / COUNTY.table)
    client.post(f"/orgs/{county.pk}/upload/confirm/", {"token": page.context["token"]})
    yicheng = Organization.objects.get(name="峄城区")
    assert "底阁镇" not in set(county.units.values_list("name", flat=True))
    assert "柳泉乡" not in set(yicheng.units.values_list("name", flat=True))
    towns = county.units.get(name="各乡镇")
    assert set(towns.members.values_list("name", flat=True)) == {"城关镇", "柳泉乡", "白沙镇"}
    found = client.get("/search/", {"q": "固定资产投资"}).content.decode()
    assert "城关镇" in found and "底阁镇" not in found
    other_units = client.get(f"/orgs/{yicheng.pk}/units/")
    assert other_units.status_code == 404


def test_the_examples_fourth_quarter_asks_only_named_units_and_the_offices_picks(db, example_plan):
    """With the defaults no department is asked about a task it is not named for (open-ended
    groups ask nobody); a pick for 政府各职能部门 asks that unit on its tasks, and no more."""
    from duban.web.orgs.models import Organization
    from duban.web.plans.services import plan_import
    from duban.web.rounds.opening import opening_plan
    from duban.web.rounds.services import round_open

    plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    plan = org.plans.get()
    q3 = plan.periods.get()
    named: dict[int, set[str]] = {}
    for seq, unit, kind, member in plan.tasks.values_list(
        "seq",
        "responsibilities__unit__name",
        "responsibilities__unit__kind",
        "responsibilities__unit__members__name",
    ):
        named.setdefault(seq, set()).add(member if kind == "group" else unit)
    defaults = opening_plan(plan)
    functional = next(g for g in defaults.groups if g.group.name == "政府各职能部门")
    assert functional.chosen == frozenset()  # open-ended: nobody until the office picks
    opened = round_open(
        plan,
        label="第四季度",
        end_month=12,
        deadline=None,
        actor=None,
    )
    asked = set(opened.period.reports.values_list("task__seq", "unit__name"))
    assert all(unit in named[seq] for seq, unit in asked)
    assert opened.slots == defaults.slots == len(asked)
    # 594 when 政府各职能部门 stood for every department; the third quarter holds 231 reports.
    assert (opened.slots, q3.reports.count()) == (248, 231)
    group = functional.group
    tasks = set(group.responsibilities.values_list("task__seq", flat=True))
    departments = org.units.filter(kind="department").order_by("name")
    audit = next(u for u in departments if all((s, u.name) not in asked for s in tasks))
    picked = opening_plan(plan, {group.pk: [audit.pk]})
    wanted = asked | {(s, audit.name) for s in tasks}
    assert picked.slots == len(wanted) > defaults.slots
    november = round_open(
        plan, label="11月", end_month=11, kind="month", picks={group.pk: [audit.pk]}, actor=None
    )
    assert set(november.period.reports.values_list("task__seq", "unit__name")) == wanted
