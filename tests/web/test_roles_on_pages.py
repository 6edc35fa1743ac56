"""Every role on every page, from one table: status codes, and no data where access is denied."""

from __future__ import annotations

import pytest

from tests.web.conftest import DRAFT_A, DRAFT_B, INTERNAL_NOTE

ROLES = ["office", "unit_a", "unit_b", "leader", "anonymous", "other_office"]
LOGIN = 302  # anonymous users are sent to the log-in page, with nothing of the page itself

# page → expected status per role, in ROLES order.
TABLE = {
    "home": [200, 200, 200, 200, 200, 200],
    "plan": [200, 200, 200, 200, LOGIN, 404],
    "task": [200, 200, 200, 200, LOGIN, 404],
    "unit_a": [200, 200, 200, 200, LOGIN, 404],
    "report_a": [200, 200, 403, 200, LOGIN, 404],
    "edit_a": [200, 200, 403, 403, LOGIN, 404],
    "report_b": [200, 403, 200, 200, LOGIN, 404],
    "edit_b": [200, 403, 200, 403, LOGIN, 404],
}


def url(world, page: str) -> str:
    a, b = world.drafts["区发改局"], world.drafts["底阁镇"]
    return {
        "home": "/",
        "plan": f"/plans/{world.plan.pk}/",
        "task": f"/tasks/{world.tasks[1].pk}/?period={world.q4.pk}",
        "unit_a": f"/units/{world.units['区发改局'].pk}/?period={world.q4.pk}",
        "report_a": f"/reports/{a.pk}/",
        "edit_a": f"/reports/{a.pk}/edit/",
        "report_b": f"/reports/{b.pk}/",
        "edit_b": f"/reports/{b.pk}/edit/",
    }[page]


def user(world, role: str):
    return None if role == "anonymous" else world.users[role]


@pytest.mark.parametrize("page", TABLE)
@pytest.mark.parametrize("role", ROLES)
def test_it_answers_each_role_on_each_page_as_the_table_says(world, as_user, role, page):
    response = as_user(user(world, role)).get(url(world, page))
    assert response.status_code == TABLE[page][ROLES.index(role)]
    if response.status_code != 200:
        body = response.content.decode()
        assert DRAFT_A not in body and DRAFT_B not in body and "增长" not in body
    if response.status_code == LOGIN:
        assert response["Location"].startswith("/accounts/login/")


def test_it_never_shows_a_unit_another_units_draft_or_the_internal_notes(world, as_user):
    body = as_user(world.users["unit_a"]).get(url(world, "task")).content.decode()
    assert DRAFT_A in body
    assert DRAFT_B not in body
    assert INTERNAL_NOTE not in body


@pytest.mark.parametrize("role", ["office", "leader"])
def test_it_shows_the_office_and_leaders_every_draft_and_note(world, as_user, role):
    body = as_user(world.users[role]).get(url(world, "task")).content.decode()
    body = body.replace("<mark>", "").replace("</mark>", "")  # evidence may be highlighted
    assert DRAFT_A in body and DRAFT_B in body and INTERNAL_NOTE in body


def test_it_denies_a_unit_every_other_units_draft_by_guessing_ids(world, as_user):
    from duban.web.plans.models import Report

    client = as_user(world.users["unit_b"])
    others = Report.objects.exclude(unit=world.units["底阁镇"]).filter(state=Report.State.DRAFT)
    assert others.exists()
    for report in others:
        for path in (f"/reports/{report.pk}/", f"/reports/{report.pk}/edit/"):
            response = client.get(path)
            assert response.status_code == 403  # inside the organization: the gate's 403
            assert report.text not in response.content.decode()
        assert (
            client.post(f"/reports/{report.pk}/edit/", {"text": "x", "version": 1}).status_code
            == 403
        )
    assert Report.objects.get(pk=world.drafts["区发改局"].pk).text == DRAFT_A


def test_it_gives_anonymous_nothing_before_publication(world, as_user):
    client = as_user(None)
    body = client.get("/").content.decode()
    assert "一般公共预算收入增长5%" not in body
    assert "主要预期目标" not in body
    for page in TABLE:
        if page != "home":
            assert client.get(url(world, page)).status_code == LOGIN


def test_it_shows_anonymous_only_the_published_period(world, as_user):
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    client = as_user(None)
    assert f"/public/{world.q3.pk}/" in client.get("/").content.decode()  # the home links it
    body = client.get(f"/plans/{world.plan.pk}/").content.decode()
    assert "一般公共预算收入增长5%" in body
    assert "第三季度" in body and "第四季度" not in body
    task = client.get(f"/tasks/{world.tasks[1].pk}/").content.decode()
    assert "同比增长12.1%" in task
    assert DRAFT_A not in task and DRAFT_B not in task
    assert client.get(url(world, "task")).content.decode().count(DRAFT_A) == 0
    assert client.get(url(world, "report_a")).status_code == LOGIN


def test_it_lets_only_the_office_publish(world, as_user):
    # 403 inside the organization, 404 for another organization's office
    for role, status in (("unit_a", 403), ("leader", 403), ("other_office", 404)):
        response = as_user(world.users[role]).post(
            f"/periods/{world.q3.pk}/publish/", {"confirm": "1"}
        )
        assert response.status_code == status
    world.q3.refresh_from_db()
    assert world.q3.state == "closed"
    as_user(world.users["office"]).post(f"/periods/{world.q3.pk}/publish/", {"confirm": "1"})
    world.q3.refresh_from_db()
    assert world.q3.state == "published"


def test_it_lists_a_units_led_tasks_first(world, as_user):
    body = (
        as_user(world.users["unit_b"]).get(f"/units/{world.units['区发改局'].pk}/").content.decode()
    )
    led = body.index("牵头任务")
    assert body.index("第 1 项") > led
    body = (
        as_user(world.users["unit_b"]).get(f"/units/{world.units['底阁镇'].pk}/").content.decode()
    )
    # 底阁镇 answers for task 1 through the group 各镇（街）, as a co-operating unit.
    assert body.index("配合任务") < body.index("第 1 项")


def test_it_shows_anonymous_the_page_of_a_unit_that_reports_under_a_group(world, as_user):
    from duban.web.rounds.services import period_publish

    town = world.units["底阁镇"]  # named on no task: it answers under 各镇（街）
    client = as_user(None)
    assert client.get(f"/units/{town.pk}/").status_code == LOGIN
    period_publish(world.q3, actor=world.users["office"])
    body = client.get(f"/units/{town.pk}/").content.decode()
    assert "1-9月，固定资产投资2.36亿元" in body
    assert DRAFT_B not in body
