"""Fault 10 of the outside test: no length limit on a report's text, and each 2 MB autosave was
stored in full as a version. One bound (plans.models.REPORT_TEXT_MAX_CHARS) for the editor,
its autosave, the API, the admin and the services."""

from __future__ import annotations

import json

import pytest

TWO_MB = "进" * (2 * 1024 * 1024 // 3)


def test_the_autosave_refuses_two_megabytes_and_stores_no_version(world, as_user):
    draft = world.drafts["区发改局"]
    client = as_user(world.users["unit_a"])
    response = client.post(f"/reports/{draft.pk}/autosave/", {"text": TWO_MB, "version": 1})
    assert response.status_code == 200
    assert "未保存：进展情况最多 20000 字，现有 699050 字" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.version, draft.versions.count()) == (1, 0)


def test_the_editor_refuses_it_and_keeps_the_text_in_the_form(world, as_user):
    draft = world.drafts["区发改局"]
    client = as_user(world.users["unit_a"])
    text = "增" * 20_001
    response = client.post(f"/reports/{draft.pk}/edit/", {"text": text, "version": 1, "save": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["进展情况最多 20000 字，现有 20001 字"]
    assert text in response.content.decode()


def test_the_api_refuses_it(world):
    from django.test import Client

    from duban.web.api.tokens import token_create

    draft = world.drafts["区发改局"]
    auth = "Bearer " + token_create(world.users["unit_a"], name="t")[1]
    body = json.dumps({"text": "增" * 20_001, "version": 1})
    response = Client().put(
        f"/api/v1/reports/{draft.pk}",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 422


def test_the_services_refuse_it_whatever_calls_them(world):
    from duban.web.plans.services import ReportTooLong, report_save
    from duban.web.rounds.services import report_submit

    draft = world.drafts["区发改局"]
    with pytest.raises(ReportTooLong, match="最多 20000 字"):
        report_save(draft, text="增" * 20_001, actor=world.users["unit_a"], expected_version=1)
    with pytest.raises(ReportTooLong):
        report_submit(draft, text="增" * 20_001, actor=world.users["unit_a"], expected_version=1)
    report_save(draft, text="增" * 20_000, actor=world.users["unit_a"], expected_version=1)
