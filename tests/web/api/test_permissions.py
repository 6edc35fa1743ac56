"""The API refuses what the pages refuse, through the same gate (access.py): 403 inside the
reader's organization, 404 outside it; writes only on the unit's own open slots."""

from __future__ import annotations

from tests.web.conftest import DRAFT_A, INTERNAL_NOTE


def test_a_unit_cannot_read_another_units_draft(world, api_as):
    draft_a = world.drafts["区发改局"]
    assert api_as("unit_a").get(f"/reports/{draft_a.pk}").status_code == 200
    refused = api_as("unit_b").get(f"/reports/{draft_a.pk}")
    assert refused.status_code == 403
    assert DRAFT_A not in refused.content.decode()


def test_a_units_report_list_leaves_out_other_units_drafts(world, api_as):
    texts = {r["text"] for r in api_as("unit_b").items("/reports", period=world.q4.pk)}
    assert DRAFT_A not in texts
    assert any("底阁镇第四季度草稿" in t for t in texts)


def test_another_organization_gets_404_for_everything_of_this_one(world, api_as):
    other = api_as("other_office")
    draft_a = world.drafts["区发改局"]
    for path in (
        f"/reports/{draft_a.pk}",
        f"/plans/{world.plan.pk}",
        f"/tasks/{world.tasks[1].pk}",
        f"/periods/{world.q4.pk}",
        f"/organizations/{world.org.pk}",
        f"/units/{world.units['区发改局'].pk}",
        f"/plans/{world.plan.pk}/dashboard",
    ):
        assert other.get(path).status_code == 404, path
    assert other.put(f"/reports/{draft_a.pk}", {"text": "x", "version": 1}).status_code == 404
    plans = other.items("/plans")
    assert [p["organization"] for p in plans] == ["台儿庄区"]


def test_internal_notes_are_for_the_office_and_leaders_only(world, api_as):
    draft_a = world.drafts["区发改局"]
    assert api_as("office").get(f"/reports/{draft_a.pk}").json()["internal_note"] == INTERNAL_NOTE
    assert api_as("leader").get(f"/reports/{draft_a.pk}").json()["internal_note"] == INTERNAL_NOTE
    assert api_as("unit_a").get(f"/reports/{draft_a.pk}").json()["internal_note"] is None


def test_a_unit_saves_its_own_draft_as_a_new_version(world, api_as):
    from duban.web.plans.models import Report

    draft_a = world.drafts["区发改局"]
    text = "区发改局第四季度：1-11月地区生产总值增长9.1%。"
    saved = api_as("unit_a").put(f"/reports/{draft_a.pk}", {"text": text, "version": 1})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["text"], saved.json()["version"]) == (text, 2)
    row = Report.objects.get(pk=draft_a.pk)
    assert (row.text, row.versions.count(), row.author.username) == (text, 1, "unit_a")


def test_a_stale_version_answers_409_and_changes_nothing(world, api_as):
    from duban.web.plans.models import Report

    draft_a = world.drafts["区发改局"]
    api = api_as("unit_a")
    assert api.put(f"/reports/{draft_a.pk}", {"text": "第一次", "version": 1}).status_code == 200
    stale = api.put(f"/reports/{draft_a.pk}", {"text": "第二次", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert Report.objects.get(pk=draft_a.pk).text == "第一次"


def test_nobody_else_writes_a_units_report(world, api_as):
    draft_a = world.drafts["区发改局"]
    body = {"text": "改写", "version": 1}
    assert api_as("unit_b").put(f"/reports/{draft_a.pk}", body).status_code == 403
    assert api_as("leader").put(f"/reports/{draft_a.pk}", body).status_code == 403
    assert api_as("unit_b").post(f"/reports/{draft_a.pk}/submit", body).status_code == 403


def test_a_closed_periods_report_cannot_be_written(world, api_as):
    from duban.web.plans.models import Report

    closed = Report.objects.get(period=world.q3, task=world.tasks[1], unit=world.units["区发改局"])
    body = {"text": "补报", "version": closed.version}
    refused = api_as("unit_a").put(f"/reports/{closed.pk}", body)
    # Its own unit is told why (409), and its text is kept for the office (the editor's rule).
    assert refused.status_code == 409
    assert refused.json()["detail"] == "本轮填报已结束，不能再修改；您的文字已另存备查"
    closed.refresh_from_db()
    assert closed.text != "补报"
    assert api_as("unit_b").put(f"/reports/{closed.pk}", body).status_code == 403


def test_a_unit_submits_its_report_through_the_rounds_service(world, api_as):
    from duban.web.audit.models import AuditEvent

    draft_b = world.drafts["底阁镇"]
    text = "1-11月，底阁镇固定资产投资完成3.4亿元，同比增长8.2%。"
    answer = api_as("unit_b").post(f"/reports/{draft_b.pk}/submit", {"text": text, "version": 1})
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "submitted"
    assert answer.json()["submitted_at"].startswith("20")
    assert AuditEvent.objects.filter(action="report_submit").count() == 1
    again = api_as("unit_b").put(f"/reports/{draft_b.pk}", {"text": "再改", "version": 3})
    # Submitted: no longer the unit's to change; told so (409), its text kept.
    assert (again.status_code, again.json()["code"]) == (409, "locked")


def test_a_write_from_another_system_needs_the_token_and_no_csrf_cookie(world, api_as):
    from django.test import Client

    api = api_as("unit_a")
    api.client = Client(enforce_csrf_checks=True)
    draft_a = world.drafts["区发改局"]
    assert api.put(f"/reports/{draft_a.pk}", {"text": "OA 同步", "version": 1}).status_code == 200
