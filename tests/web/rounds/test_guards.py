"""The guarded steps of a round: a deadline to open, a confirmation with the counts to close and
publish, a withdrawable publication, a withdrawable submission. A refused step says why in place
and leaves the database as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.conftest import DRAFT_A


def _state(world) -> dict:
    """What a refused step must leave unchanged: periods, reports, versions, audit events."""
    from duban.web.audit.models import AuditEvent
    from duban.web.plans.models import Period, Report, ReportVersion

    return {
        "periods": sorted(Period.objects.values_list("pk", "state")),
        "reports": sorted(Report.objects.values_list("pk", "state", "version", "text")),
        "versions": ReportVersion.objects.count(),
        "events": sorted(AuditEvent.objects.exclude(action="login").values_list("pk", flat=True)),
    }


def _submitted(world):
    """区发改局's Q4 draft, submitted through the editor by its unit."""
    from django.test import Client

    draft = world.drafts["区发改局"]
    client = Client()
    client.force_login(world.users["unit_a"])
    response = client.post(
        f"/reports/{draft.pk}/edit/",
        {"text": DRAFT_A, "version": draft.version, "submit": "1"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "submitted"
    return draft


def test_a_round_without_a_deadline_is_refused_in_place(world, as_user):
    before = _state(world)
    response = as_user(world.users["office"]).post(
        f"/plans/{world.plan.pk}/rounds/new/", {"label": "11月", "end_month": 11, "kind": "month"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("请填写报送截止日期") == 1
    assert _state(world) == before


def test_closing_shows_the_counts_before_it_confirms(world, as_user):
    _submitted(world)  # 区发改局 waits for review; 底阁镇's draft was never submitted
    client = as_user(world.users["office"])
    page = client.get(f"/rounds/{world.q4.pk}/close/")
    assert page.status_code == 200
    body = page.content.decode()
    assert '<td class="num" id="count-waiting">1</td>' in body
    assert '<td class="num" id="count-unfinished">1</td>' in body
    world.q4.refresh_from_db()
    assert world.q4.state == "open"  # the page alone closes nothing
    assert client.post(f"/rounds/{world.q4.pk}/close/").status_code == 200  # no confirm: asks
    world.q4.refresh_from_db()
    assert world.q4.state == "open"
    done = client.post(f"/rounds/{world.q4.pk}/close/", {"confirm": "1"})
    assert done.status_code == 302
    world.q4.refresh_from_db()
    assert world.q4.state == "closed"


def test_publishing_an_open_round_is_refused_in_place_and_changes_nothing(world, as_user):
    client = as_user(world.users["office"])
    before = _state(world)
    page = client.get(f"/periods/{world.q4.pk}/publish/")
    assert page.status_code == 200
    assert "本轮填报尚未结束，请先结束填报再公开" in page.content.decode()
    assert 'id="confirm-publish"' not in page.content.decode()
    refused = client.post(f"/periods/{world.q4.pk}/publish/", {"confirm": "1"})
    assert refused.status_code == 409
    assert refused.content.decode().count("本轮填报尚未结束，请先结束填报再公开") == 1
    assert _state(world) == before


def test_publishing_asks_for_confirmation_and_shows_what_is_unreviewed(world, as_user):
    from duban.web.plans.models import Report

    world.q3.reports.filter(unit__name="区财政局").update(state=Report.State.SUBMITTED)
    client = as_user(world.users["office"])
    page = client.get(f"/periods/{world.q3.pk}/publish/")
    body = page.content.decode()
    assert page.status_code == 200
    assert '<td class="num" id="count-waiting">1</td>' in body
    assert "1 项进展未经审核，不会公开。" in body
    assert "第 2 项 · 区财政局" in body  # named in the list of what still waits
    world.q3.refresh_from_db()
    assert world.q3.state == "closed"
    assert client.post(f"/periods/{world.q3.pk}/publish/", {"confirm": "1"}).status_code == 302
    world.q3.refresh_from_db()
    assert world.q3.state == "published"


def _publish(world):
    from duban.web.rounds.services import period_publish

    return period_publish(world.q3, actor=world.users["office"])


def test_withdrawing_a_publication_takes_the_period_off_every_public_read(world, as_user):
    from duban.web.audit.models import AuditEvent

    _publish(world)
    anonymous = as_user(None)
    assert anonymous.get(f"/public/{world.q3.pk}/").status_code == 200
    assert "同比增长12.1%" in anonymous.get("/search/?q=生产总值").content.decode()
    office = as_user(world.users["office"])
    response = office.post(f"/periods/{world.q3.pk}/unpublish/", {"reason": "数据待核实"})
    assert response.status_code == 302
    world.q3.refresh_from_db()
    assert world.q3.state == "closed"
    event = AuditEvent.objects.get(action="period_unpublish")
    assert event.after["reason"] == "数据待核实" and event.after["state"] == "closed"
    anonymous = as_user(None)
    assert anonymous.get(f"/public/{world.q3.pk}/").status_code == 404
    assert "同比增长12.1%" not in anonymous.get("/search/?q=生产总值").content.decode()


def test_withdrawing_a_publication_unlinks_its_public_files(
    world, as_user, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from duban.web.jobs.exports import export_request
    from duban.web.jobs.models import Job
    from duban.web.rounds.services import period_unpublish
    from tests.web.conftest import run_jobs

    _publish(world)
    job = export_request(world.q3, "public_table", "docx")
    run_jobs()
    job.refresh_from_db()
    stored = job.result["file"]
    assert job.public and default_storage.exists(stored)
    assert as_user(None).get(f"/jobs/{job.pk}/file").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        period_unpublish(world.q3, reason="数据待核实", actor=world.users["office"])
    job.refresh_from_db()
    assert not job.public and not default_storage.exists(stored)
    assert as_user(None).get(f"/jobs/{job.pk}/file").status_code == 404
    assert Job.objects.filter(public=True, params__period=world.q3.pk).count() == 0


def test_withdrawing_a_publication_needs_a_reason_and_a_published_period(world, as_user):
    _publish(world)
    office = as_user(world.users["office"])
    before = _state(world)
    blank = office.post(f"/periods/{world.q3.pk}/unpublish/", {"reason": "  "})
    assert blank.status_code == 400
    assert blank.content.decode().count("撤回发布时请写明原因") == 1
    assert _state(world) == before
    not_public = office.post(f"/periods/{world.q4.pk}/unpublish/", {"reason": "误操作"})
    assert not_public.status_code == 409
    assert "本期尚未公开，无需撤回" in not_public.content.decode()
    assert _state(world) == before


@pytest.mark.parametrize("role", ["unit_a", "leader"])
def test_only_the_office_withdraws_a_publication(world, as_user, role):
    _publish(world)
    response = as_user(world.users[role]).post(
        f"/periods/{world.q3.pk}/unpublish/", {"reason": "误操作"}
    )
    assert response.status_code == 403
    world.q3.refresh_from_db()
    assert world.q3.state == "published"


def test_after_submitting_the_editor_shows_the_text_and_the_withdraw_button(world, as_user):
    report = _submitted(world)
    page = as_user(world.users["unit_a"]).get(f"/reports/{report.pk}/edit/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "无权访问" not in body
    assert DRAFT_A in body and 'id="withdraw"' in body


def test_a_unit_withdraws_its_submission_once_then_is_told_in_place(world, as_user):
    from duban.web.audit.models import AuditEvent

    report = _submitted(world)
    client = as_user(world.users["unit_a"])
    done = client.post(f"/reports/{report.pk}/withdraw/")
    assert done.status_code == 302 and done["Location"] == f"/reports/{report.pk}/edit/"
    report.refresh_from_db()
    assert report.state == "draft" and report.text == DRAFT_A
    assert AuditEvent.objects.filter(action="report_withdraw").count() == 1
    before = _state(world)
    again = client.post(f"/reports/{report.pk}/withdraw/")
    assert again.status_code == 409
    assert again.content.decode().count("该进展未报送或已撤回，无需撤回") == 1
    assert _state(world) == before
    editor = client.get(f"/reports/{report.pk}/edit/")
    assert editor.status_code == 200 and "<textarea" in editor.content.decode()


def test_a_reviewed_submission_cannot_be_withdrawn(world, as_user):
    from duban.web.rounds.services import report_accept

    report = report_accept(_submitted(world), actor=world.users["office"])
    before = _state(world)
    client = as_user(world.users["unit_a"])
    response = client.post(f"/reports/{report.pk}/withdraw/")
    assert response.status_code == 409
    assert "督查室已审核，不能再撤回" in response.content.decode()
    assert _state(world) == before
    page = client.get(f"/reports/{report.pk}/edit/")
    assert page.status_code == 200 and 'id="withdraw"' not in page.content.decode()


def test_another_unit_cannot_withdraw(world, as_user):
    report = _submitted(world)
    response = as_user(world.users["unit_b"]).post(f"/reports/{report.pk}/withdraw/")
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_resubmission_after_the_deadline_is_late(world, as_user):
    from duban.web.plans.models import Period

    Period.objects.filter(pk=world.q4.pk).update(deadline=dt.date.today() + dt.timedelta(days=3))
    report = _submitted(world)
    assert report.late is False
    client = as_user(world.users["unit_a"])
    assert client.post(f"/reports/{report.pk}/withdraw/").status_code == 302
    Period.objects.filter(pk=world.q4.pk).update(deadline=dt.date.today() - dt.timedelta(days=1))
    report.refresh_from_db()
    response = client.post(
        f"/reports/{report.pk}/edit/",
        {"text": DRAFT_A + "补充。", "version": report.version, "submit": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted" and report.late is True


def test_my_tasks_leads_a_submitted_report_to_its_withdraw_page(world, as_user):
    report = _submitted(world)
    body = as_user(world.users["unit_a"]).get("/my/").content.decode()
    assert f'<a href="/reports/{report.pk}/edit/">查看或撤回</a>' in body


def test_opening_the_same_round_twice_says_so_once_and_opens_nothing(world, as_user):
    client = as_user(world.users["office"])
    data = {"label": "11月", "end_month": 11, "kind": "month", "deadline": "2021-12-05"}
    assert client.post(f"/plans/{world.plan.pk}/rounds/new/", data).status_code == 302
    before = _state(world)
    again = client.post(f"/plans/{world.plan.pk}/rounds/new/", data)
    assert again.status_code == 200
    assert again.content.decode().count("2021年11月已经开启过") == 1
    assert _state(world) == before
