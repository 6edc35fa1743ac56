"""Fault 7 of the outside test: anonymous visitors got 500s from integers that `str.isdigit()`
accepts and `int()` or the database does not (², ①, twenty nines). Integers in URLs are parsed
once (duban/web/params.py): a malformed query parameter is 400 with a sentence, a path that names
no object is 404."""

from __future__ import annotations

import pytest

HUGE = "9" * 20


@pytest.fixture
def published(world):
    from duban.web.rounds.services import period_publish

    return period_publish(world.q3, actor=world.users["office"])


@pytest.mark.parametrize("value", ["²", "①", HUGE, "٣", "３", "-1", "0", "1e3", " 1"])
def test_the_public_page_answers_a_hostile_section_with_400(value, published, client):
    response = client.get(f"/public/{published.pk}/", {"section": value})
    assert response.status_code == 400
    assert "参数 section 应为 1 至 2147483647 之间的整数" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"q": "区", "page": "²"},
        {"q": "区", "organization": "²"},
        {"q": "区", "year": "①"},
        {"q": "区", "unit": HUGE},
        {"q": "区", "section": "٣"},
        {"q": "区", "period": "0"},
    ],
)
def test_the_search_page_answers_hostile_filters_with_400(query, world, client):
    assert client.get("/search/", query).status_code == 400


def test_the_dashboards_task_list_answers_a_huge_unit_with_400(world, as_user):
    client = as_user(world.users["office"])
    url = f"/dashboard/plans/{world.plan.pk}/tasks/"
    assert client.get(url, {"unit": HUGE}).status_code == 400
    assert client.get(url, {"section": "²"}).status_code == 400
    assert client.get(url, {"unit": str(world.units["区发改局"].pk)}).status_code == 200


def test_a_denied_visitor_gets_the_denial_not_the_parameters_complaint(world, as_user):
    """The gate answers before the parameters are read: no hint that the plan exists."""
    url = f"/dashboard/plans/{world.plan.pk}/tasks/?unit={HUGE}"
    assert as_user(None).get(url).status_code == 404
    assert as_user(world.users["other_office"]).get(url).status_code == 404


def test_a_period_parameter_is_read_strictly_on_every_plan_page(world, as_user):
    client = as_user(world.users["office"])
    assert client.get(f"/plans/{world.plan.pk}/", {"period": "①"}).status_code == 400
    assert client.get(f"/dashboard/plans/{world.plan.pk}/", {"period": HUGE}).status_code == 400
    assert client.get(f"/plans/{world.plan.pk}/", {"period": ""}).status_code == 200


def test_an_empty_parameter_means_all_and_a_repeated_one_counts_by_its_last_value(
    published, client
):
    url = f"/public/{published.pk}/"
    assert client.get(url, {"section": ""}).status_code == 200
    section = published.plan.sections.get(number=1)
    body = client.get(f"{url}?section=²&section={section.pk}").content.decode()
    assert "支持丰源集团" in body and "一般公共预算收入增长5%" not in body  # filtered by the last
    assert client.get(f"{url}?section={section.pk}&section=²").status_code == 400


@pytest.mark.parametrize(
    "path", [f"/plans/{HUGE}/", f"/public/{HUGE}/", f"/reports/{HUGE}/edit/", "/tasks/０１/"]
)
def test_a_path_with_a_hostile_id_is_not_found(path, world, as_user):
    assert as_user(world.users["office"]).get(path).status_code == 404


def test_the_version_diff_reads_its_numbers_strictly(world, as_user):
    client = as_user(world.users["unit_a"])
    report = world.drafts["区发改局"]
    assert client.get(f"/reports/{report.pk}/diff/", {"a": "¹", "b": "1"}).status_code == 400
    assert client.get(f"/reports/{report.pk}/diff/", {"a": "7", "b": "1"}).status_code == 404


def test_every_id_in_our_routes_is_read_by_the_strict_converter():
    from tests.web.test_permissions_matrix import ROUTES

    loose = [r for k, r in ROUTES.items() if "<int:" in r and not k.startswith("admin:")]
    assert loose == [], f"use <id:…> (duban/web/params.py) instead of <int:…> in {loose}"
