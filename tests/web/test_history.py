"""Nothing is lost: every save is a version, admin corrections leave who/when/before/after."""

from __future__ import annotations

import pytest

from tests.web.conftest import DRAFT_A


def test_it_keeps_every_save_as_a_version(world, as_user):
    report = world.drafts["区发改局"]
    client = as_user(world.users["unit_a"])
    response = client.post(f"/reports/{report.pk}/edit/", {"text": "第一次修改", "version": 1})
    assert response.status_code == 302
    client.post(f"/reports/{report.pk}/edit/", {"text": "第二次修改", "version": 2})
    report.refresh_from_db()
    assert report.text == "第二次修改" and report.version == 3
    assert list(report.versions.values_list("text", flat=True)) == ["第一次修改", "第二次修改"]
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "第一次修改" in page and "第二次修改" in page


def test_it_refuses_a_stale_save_and_keeps_both_texts(world, as_user):
    from duban.web.audit.models import AuditEvent

    report = world.drafts["区发改局"]
    client = as_user(world.users["unit_a"])
    client.post(f"/reports/{report.pk}/edit/", {"text": "先保存的文字", "version": 1})
    response = client.post(f"/reports/{report.pk}/edit/", {"text": "后保存的文字", "version": 1})
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    assert "后保存的文字" in response.content.decode()
    report.refresh_from_db()
    assert report.text == "先保存的文字"
    conflict = AuditEvent.objects.get(action="report_conflict")
    assert conflict.after["text"] == "后保存的文字"


def test_it_records_an_admin_correction_with_before_and_after(world, client):
    from django.contrib.auth import get_user_model

    from duban.web.audit.models import AuditEvent

    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    report = world.drafts["区发改局"]
    response = client.post(
        f"/admin/plans/report/{report.pk}/change/",
        {
            "period": world.q4.pk,
            "task": world.tasks[1].pk,
            "unit": report.unit_id,
            "text": "督查室更正后的文字",
            "state": "draft",
            "author": "",
            "internal_note": "",
            "submitted_at_0": "",
            "submitted_at_1": "",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin_change", object_id=str(report.pk))
    assert (event.actor, event.before["text"], event.after["text"]) == (
        admin,
        DRAFT_A,
        "督查室更正后的文字",
    )
    assert report.versions.get(source="admin").text == "督查室更正后的文字"
    history = client.get(f"/admin/plans/report/{report.pk}/history/").content.decode()
    assert "督查室更正后的文字" in history and "root" in history


def test_it_offers_no_delete_in_the_admin(world, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    report = world.drafts["区发改局"]
    assert client.get(f"/admin/plans/report/{report.pk}/delete/").status_code == 403


@pytest.mark.parametrize("role", ["leader", "unit_b"])
def test_it_keeps_the_text_when_someone_without_the_right_posts(world, as_user, role):
    report = world.drafts["区发改局"]
    as_user(world.users[role]).post(f"/reports/{report.pk}/edit/", {"text": "x", "version": 1})
    report.refresh_from_db()
    assert report.text == DRAFT_A and report.versions.count() == 0
