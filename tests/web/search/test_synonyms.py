"""Synonyms the office maintains (同义词): a query word of a group finds texts with any word of
it, at query time on SQLite and PostgreSQL alike; the starter list serves an organization that
has not edited its own; results name the task's target and its units."""

from __future__ import annotations

import pytest

from duban.web.search.selectors import SearchFilters, search

NONE = SearchFilters()
SHANTYTOWN = "棚改项目完成投资1.2亿元，已签约住户312户。"


@pytest.fixture
def shantytown(world):
    """底阁镇's Q4 draft speaks of 棚改, never of 棚户区."""
    from duban.web.plans.services import report_save

    draft = world.drafts["底阁镇"]
    report_save(draft, text=SHANTYTOWN, actor=world.users["unit_b"], expected_version=1)
    return draft


def test_the_starter_list_finds_the_short_form(world, shantytown):
    office = world.users["office"]
    results = search("棚户区", NONE, 1, office)
    assert [h.entry.report_id for h in results.hits] == [shantytown.pk]
    assert "<mark>棚改</mark>" in results.hits[0].snippet
    assert "同时检索同义词：棚改、棚户区改造" in results.notes


def test_the_offices_own_list_replaces_the_starter(world, shantytown, as_user):
    from duban.web.audit.models import AuditEvent
    from duban.web.search.models import Synonym

    client = as_user(world.users["office"])
    page = client.get(f"/search/synonyms/{world.org.pk}/")
    assert page.status_code == 200 and "棚改 棚户区改造 棚户区" in page.content.decode()
    saved = client.post(f"/search/synonyms/{world.org.pk}/", {"groups": "住户 拆迁户\n石榴 = 榴园"})
    assert saved.status_code == 302
    assert sorted(
        Synonym.objects.filter(organization=world.org).values_list("words", flat=True)
    ) == [
        "住户 拆迁户",
        "石榴 榴园",
    ]
    assert AuditEvent.objects.filter(action="synonyms_save").count() == 1
    office = world.users["office"]
    assert search("棚户区", NONE, 1, office).total == 0  # the starter no longer applies
    assert [h.entry.report_id for h in search("拆迁户", NONE, 1, office).hits] == [shantytown.pk]


def test_a_one_word_line_is_refused_in_place_and_nothing_changes(world, as_user):
    from duban.web.search.models import Synonym

    client = as_user(world.users["office"])
    client.post(f"/search/synonyms/{world.org.pk}/", {"groups": "住户 拆迁户"})
    response = client.post(f"/search/synonyms/{world.org.pk}/", {"groups": "住户 拆迁户\n棚改"})
    assert response.status_code == 400
    assert response.content.decode().count("第 2 行只有一个词") == 1
    assert list(Synonym.objects.values_list("words", flat=True)) == ["住户 拆迁户"]


def test_another_organizations_list_is_its_own(world, shantytown, as_user):
    from duban.web.orgs.models import Organization

    other = Organization.objects.get(name="台儿庄区")
    as_user(world.users["other_office"]).post(
        f"/search/synonyms/{other.pk}/", {"groups": "住户 拆迁户"}
    )
    assert search("拆迁户", NONE, 1, world.users["office"]).total == 0
    assert (
        as_user(world.users["other_office"]).get(f"/search/synonyms/{world.org.pk}/").status_code
        == 404
    )
    assert (
        as_user(world.users["leader"]).get(f"/search/synonyms/{world.org.pk}/").status_code == 403
    )


def test_results_show_the_target_and_the_units(world, shantytown, as_user):
    body = as_user(world.users["office"]).get("/search/?q=棚户区").content.decode()
    assert "任务目标：地区生产总值增长6%以上" in body
    assert "责任单位：区发改局、各镇（街）" in body
