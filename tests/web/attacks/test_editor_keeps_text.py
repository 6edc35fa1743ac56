"""Fault 6 of the outside test: typed text lost. Two sessions of one unit edit a report; one
submits; the other's autosave and "save draft" got a 403 and its text was neither shown back nor
stored anywhere. Through the API, of 50 concurrent submits of one report 42 got 403 and their
texts were not kept. Now a write refused to the report's own unit keeps its text (audit log) and
gives it back: the editor's status line, a page with the text (409), the API's 409."""

from __future__ import annotations

import json
import threading

import pytest
from django.test import Client

MINE = "第二个会话的文字：1-11月固定资产投资同比增长3.3%。"
THEIRS = "第一个会话报送的文字：1-12月地区生产总值预计增长8.5%。"


def _kept_texts(report) -> list[str]:
    from duban.web.audit.models import AuditEvent

    events = AuditEvent.objects.filter(
        action="report_conflict", object_type="plans.report", object_id=str(report.pk)
    )
    return [e.after["text"] for e in events]


@pytest.fixture
def two_sessions(world):
    """The same reporter of 区发改局 in two browsers, both with the draft open at one version."""
    draft = world.drafts["区发改局"]
    first, second = Client(), Client()
    for session in (first, second):
        session.force_login(world.users["unit_a"])
        assert session.get(f"/reports/{draft.pk}/edit/").status_code == 200
    first.post(
        f"/reports/{draft.pk}/edit/", {"text": THEIRS, "version": draft.version, "submit": "1"}
    )
    draft.refresh_from_db()
    assert draft.state == "submitted"
    return draft, second, draft.version - 2  # the version the second editor loaded


def test_the_other_sessions_autosave_says_not_saved_and_keeps_the_text(two_sessions):
    draft, second, loaded = two_sessions
    response = second.post(
        f"/reports/{draft.pk}/autosave/", {"text": MINE, "version": loaded}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # HTMX swaps it into the status line
    body = response.content.decode()
    assert "未保存：该报告已由本单位报送，不能再修改" in body
    assert _kept_texts(draft) == [MINE]
    draft.refresh_from_db()
    assert draft.text == THEIRS


def test_the_other_sessions_save_draft_shows_the_text_back(two_sessions):
    draft, second, loaded = two_sessions
    response = second.post(
        f"/reports/{draft.pk}/edit/", {"text": MINE, "version": loaded, "save": "1"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "该报告已由本单位报送，不能再修改" in body
    assert f'<textarea id="kept-text" rows="14" readonly>{MINE}</textarea>' in body
    assert _kept_texts(draft) == [MINE]


def test_a_round_closed_while_typing_keeps_the_text(world, as_user):
    from duban.web.rounds.services import round_close

    draft = world.drafts["底阁镇"]
    client = as_user(world.users["unit_b"])
    assert client.get(f"/reports/{draft.pk}/edit/").status_code == 200
    round_close(world.q4, actor=world.users["office"])
    response = client.post(f"/reports/{draft.pk}/autosave/", {"text": MINE, "version": 1})
    assert "本轮填报已结束，不能再修改" in response.content.decode()
    assert _kept_texts(draft) == [MINE]


@pytest.mark.parametrize("who", ["unit_b", "leader", "other_office"])
def test_anyone_else_gets_the_gates_denial_and_nothing_is_kept(who, world, as_user):
    from duban.web.rounds.services import report_submit

    draft = world.drafts["区发改局"]
    report_submit(draft, text=THEIRS, actor=world.users["unit_a"], expected_version=1)
    client = as_user(world.users[who])
    expected = 404 if who == "other_office" else 403
    for url in (f"/reports/{draft.pk}/autosave/", f"/reports/{draft.pk}/edit/"):
        assert client.post(url, {"text": MINE, "version": 1}).status_code == expected
    assert _kept_texts(draft) == []


def _api(world, username: str) -> dict:
    from duban.web.api.tokens import token_create

    return {"HTTP_AUTHORIZATION": "Bearer " + token_create(world.users[username], name="t")[1]}


def test_a_late_api_submit_answers_409_and_keeps_its_text(world):
    draft = world.drafts["区发改局"]
    auth = _api(world, "unit_a")
    url = f"/api/v1/reports/{draft.pk}/submit"

    def submit(text: str):
        body = json.dumps({"text": text, "version": 1})
        return Client().post(url, body, content_type="application/json", **auth)

    assert submit(THEIRS).status_code == 200
    late = submit(MINE)
    assert late.status_code == 409
    assert late.json()["code"] == "locked"
    assert late.json()["detail"] == "该报告已由本单位报送，不能再修改；您的文字已另存备查"
    assert _kept_texts(draft) == [MINE]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_twenty_concurrent_api_submits_one_wins_and_every_text_is_kept():
    from django.contrib.auth import get_user_model
    from django.db import connection

    from duban.web.accounts.models import Membership
    from duban.web.api.tokens import token_create
    from duban.web.plans.models import Period, Report
    from duban.web.plans.services import plan_import
    from tests.web.conftest import small_plan

    plan_import(small_plan(), source="small")
    q3 = Period.objects.get()
    q4 = Period.objects.create(plan=q3.plan, year=2021, label="第四季度", end_month=12)
    base = Report.objects.filter(period=q3, unit__name="区发改局").select_related("unit").get()
    report = Report.objects.create(period=q4, task=base.task, unit=base.unit, version=1)
    user = get_user_model().objects.create_user("reporter")
    Membership.objects.create(
        user=user, organization=q3.plan.organization, role="unit", unit=base.unit
    )
    auth = {"HTTP_AUTHORIZATION": "Bearer " + token_create(user, name="t")[1]}
    texts = [f"第{i}位同事的进展：完成投资{i}亿元。" for i in range(20)]
    barrier = threading.Barrier(len(texts))
    codes: list[int] = []

    def submit(text: str) -> None:
        try:
            barrier.wait()
            body = json.dumps({"text": text, "version": 1})
            response = Client().post(
                f"/api/v1/reports/{report.pk}/submit",
                body,
                content_type="application/json",
                **auth,
            )
            codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200] + [409] * 19
    report.refresh_from_db()
    assert sorted([report.text, *_kept_texts(report)]) == sorted(texts)
