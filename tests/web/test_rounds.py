"""A reporting round: opened by the office, written and submitted by units, reviewed, closed."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.conftest import run_jobs

Q3_TEXT_A = "上半年，地区生产总值同比增长12.1%，城乡居民人均可支配收入同比增长11.7%。"
NEW_TEXT_A = "1-10月，地区生产总值预计增长9.2%，固定资产投资同比增长3.1%。"


@pytest.fixture
def october(world):
    """A monthly round (10月) opened by the office, deadline in the future."""
    from duban.web.rounds.services import round_open

    opened = round_open(
        world.plan,
        label="10月",
        end_month=10,
        kind="month",
        deadline=dt.date.today() + dt.timedelta(days=7),
        actor=world.users["office"],
    )
    return opened


def slot(period, unit_name, seq=1):
    return period.reports.get(unit__name=unit_name, task__seq=seq)


def test_it_opens_a_slot_for_every_responsible_unit_with_groups_expanded(world, october):
    names = sorted(october.period.reports.filter(task__seq=1).values_list("unit__name", flat=True))
    assert "区发改局" in names and "底阁镇" in names and "坛山街道" in names
    assert "各镇（街）" not in names
    assert len(names) == 1 + 7  # the lead and the seven towns and streets of 各镇（街）
    assert october.slots == 8 + 2 + 2
    assert set(october.period.reports.values_list("state", flat=True)) == {"empty"}


def test_it_refuses_to_open_the_same_round_twice(world, october):
    from duban.web.rounds.services import RoundError, round_open

    with pytest.raises(RoundError, match="已经开启"):
        round_open(world.plan, label="10月", end_month=10, kind="month", actor=None)


def test_it_prefills_the_editor_with_the_previous_period_and_shows_it_beside(
    world, october, as_user
):
    report = slot(october.period, "区发改局")
    body = as_user(world.users["unit_a"]).get(f"/reports/{report.pk}/edit/").content.decode()
    assert body.count(Q3_TEXT_A) == 2  # in the textarea and in the previous-period column
    assert "上期（2021年第三季度）进展" in body


def submit(client, report, text, **extra):
    report.refresh_from_db()
    data = {"text": text, "version": report.version, "submit": "1", **extra}
    return client.post(f"/reports/{report.pk}/edit/", data)


def test_it_refuses_an_empty_submission(world, october, as_user):
    report = slot(october.period, "区发改局")
    response = submit(as_user(world.users["unit_a"]), report, "   ")
    assert "进展情况不能为空" in response.content.decode()
    report.refresh_from_db()
    assert report.state == "empty"


def test_it_asks_to_confirm_a_text_that_repeats_the_previous_period_and_flags_it(
    world, october, as_user
):
    client = as_user(world.users["unit_a"])
    report = slot(october.period, "区发改局")
    response = submit(client, report, Q3_TEXT_A + " ")
    assert "几乎相同" in response.content.decode()
    report.refresh_from_db()
    assert report.state != "submitted"
    response = submit(client, report, Q3_TEXT_A, confirm_same="on")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.same_as_previous) == ("submitted", True)


def test_it_marks_a_submission_after_the_deadline_as_late(world, october, as_user):
    october.period.deadline = dt.date.today() - dt.timedelta(days=1)
    october.period.save()
    report = slot(october.period, "区发改局")
    submit(as_user(world.users["unit_a"]), report, NEW_TEXT_A)
    report.refresh_from_db()
    assert report.state == "submitted" and report.late
    on_time = slot(october.period, "区财政局", seq=2)
    assert not on_time.late


def test_it_returns_a_report_with_a_comment_the_unit_sees_and_resubmits(world, october, as_user):
    report = slot(october.period, "底阁镇")
    submit(as_user(world.users["unit_b"]), report, "1-10月，固定资产投资2.9亿元。")
    office = as_user(world.users["office"])
    office.post(
        f"/reports/{report.pk}/review/", {"decision": "return", "comment": "请补充同比增幅。"}
    )
    report.refresh_from_db()
    assert (report.state, report.return_comment) == ("returned", "请补充同比增幅。")
    unit_b = as_user(world.users["unit_b"])
    assert "请补充同比增幅。" in unit_b.get("/my/").content.decode()
    submit(unit_b, report, "1-10月，固定资产投资2.9亿元，同比增长5.1%。")
    office = as_user(world.users["office"])
    office.post(f"/reports/{report.pk}/review/", {"decision": "accept"})
    report.refresh_from_db()
    assert report.state == "accepted"
    assert list(report.versions.values_list("state", flat=True)) == [
        "draft",
        "submitted",
        "returned",
        "draft",
        "submitted",
        "accepted",
    ]


def test_it_refuses_to_return_without_a_comment(world, october, as_user):
    report = slot(october.period, "底阁镇")
    submit(as_user(world.users["unit_b"]), report, "1-10月，固定资产投资2.9亿元。")
    as_user(world.users["office"]).post(f"/reports/{report.pk}/review/", {"decision": "return"})
    report.refresh_from_db()
    assert report.state == "submitted"


def test_it_lists_units_with_missing_reports_as_text_and_csv(world, october, as_user):
    submit(as_user(world.users["unit_a"]), slot(october.period, "区发改局"), NEW_TEXT_A)
    office = as_user(world.users["office"])
    page = office.get(f"/rounds/{october.period.pk}/reminders/").content.decode()
    assert "底阁镇：第1项（共1项）" in page
    assert "区发改局：" not in page
    csv = office.get(f"/rounds/{october.period.pk}/reminders/?format=csv").content.decode("utf-8")
    assert csv.startswith("\ufeff单位,未报送任务序号,项数")
    assert "区财政局,2,1" in csv


def test_it_freezes_reports_when_the_round_is_closed(world, october, as_user):
    report = slot(october.period, "区发改局")
    submit(as_user(world.users["unit_a"]), slot(october.period, "区发改局", 1), NEW_TEXT_A)
    as_user(world.users["office"]).post(f"/rounds/{october.period.pk}/close/", {"confirm": "1"})
    october.period.refresh_from_db()
    assert october.period.state == "closed"
    unit_a = as_user(world.users["unit_a"])
    empty = slot(october.period, "区发改局")
    frozen = unit_a.get(f"/reports/{empty.pk}/edit/")  # the submitted text, read only
    assert frozen.status_code == 200
    assert "<textarea" not in frozen.content.decode()
    assert 'id="withdraw"' not in frozen.content.decode()
    # Refused; the unit's text comes back on a page (and is kept for the office), not saved.
    late = submit(unit_a, empty, "结束后补报")
    assert late.status_code == 409 and "本轮填报已结束，不能再修改" in late.content.decode()
    empty.refresh_from_db()
    assert empty.text == NEW_TEXT_A and empty.state == "submitted"
    office = as_user(world.users["office"])
    office.post(f"/reports/{report.pk}/review/", {"decision": "accept"})
    report.refresh_from_db()
    assert report.state == "submitted"


@pytest.mark.parametrize("role", ["unit_b", "leader"])
def test_it_lets_no_one_else_write_a_units_slot(world, october, as_user, role):
    report = slot(october.period, "区发改局")
    client = as_user(world.users[role])
    assert client.get(f"/reports/{report.pk}/edit/").status_code == 403
    assert submit(client, report, "冒名报送").status_code == 403
    assert (
        client.post(f"/reports/{report.pk}/autosave/", {"text": "x", "version": 0}).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.text == "" and report.state == "empty"


@pytest.mark.parametrize("role", ["unit_a", "leader"])
def test_it_lets_only_the_office_open_review_and_close(world, october, as_user, role):
    client = as_user(world.users[role])
    assert (
        client.post(
            f"/plans/{world.plan.pk}/rounds/new/",
            {"label": "11月", "end_month": 11, "kind": "month", "deadline": "2021-12-05"},
        ).status_code
        == 403
    )
    assert client.post(f"/rounds/{october.period.pk}/close/", {"confirm": "1"}).status_code == 403
    report = slot(october.period, "区发改局")
    assert client.post(f"/reports/{report.pk}/review/", {"decision": "accept"}).status_code == 403


def test_it_shows_the_round_overview_to_office_and_leader_only(world, october, as_user):
    path = f"/rounds/{october.period.pk}/"
    assert as_user(world.users["office"]).get(path).status_code == 200
    assert as_user(world.users["leader"]).get(path).status_code == 200
    assert as_user(world.users["unit_a"]).get(path).status_code == 403
    assert as_user(world.users["other_office"]).get(path).status_code == 404


def test_it_autosaves_a_draft_and_answers_the_new_version(world, october, as_user):
    report = slot(october.period, "区发改局")
    client = as_user(world.users["unit_a"])
    response = client.post(
        f"/reports/{report.pk}/autosave/",
        {"text": "写了一半", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "已自动保存" in body and 'value="1"' in body and "hx-swap-oob" in body
    stale = client.post(f"/reports/{report.pk}/autosave/", {"text": "另一窗口", "version": 0})
    assert "已被他人修改" in stale.content.decode()
    report.refresh_from_db()
    assert report.text == "写了一半"


def test_it_opens_a_round_from_the_office_page(world, as_user):
    office = as_user(world.users["office"])
    response = office.post(
        f"/plans/{world.plan.pk}/rounds/new/",
        {"label": "11月", "end_month": 11, "kind": "month", "deadline": "2021-12-05"},
    )
    assert response.status_code == 302
    period = world.plan.periods.get(end_month=11)
    assert period.state == "open" and period.reports.count() == 12


def test_it_writes_every_step_to_the_audit_log(world, october, as_user):
    from duban.web.audit.models import AuditEvent

    report = slot(october.period, "区发改局")
    submit(as_user(world.users["unit_a"]), report, NEW_TEXT_A)
    office = as_user(world.users["office"])
    office.post(f"/reports/{report.pk}/review/", {"decision": "accept"})
    office.post(f"/rounds/{october.period.pk}/close/", {"confirm": "1"})
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "round_open",
        "report_save",
        "report_submit",
        "report_accept",
        "round_close",
        "login",
    } <= actions


def test_it_keeps_the_previous_version_when_the_database_fails_mid_save(
    world, october, as_user, monkeypatch
):
    from django.db import DatabaseError

    from duban.web.plans.models import ReportVersion

    report = slot(october.period, "区发改局")
    client = as_user(world.users["unit_a"])
    submit(client, report, NEW_TEXT_A)  # version 1 (draft) and 2 (submitted)
    report.refresh_from_db()
    as_user(world.users["office"]).post(
        f"/reports/{report.pk}/review/", {"decision": "return", "comment": "请补充。"}
    )
    report.refresh_from_db()
    before = (report.text, report.version, report.versions.count())

    def fail(*args, **kwargs):
        raise DatabaseError("connection lost mid-save")

    monkeypatch.setattr(ReportVersion.objects, "create", fail)
    client = as_user(world.users["unit_a"])
    response = client.post(
        f"/reports/{report.pk}/edit/", {"text": "补充后的文字", "version": report.version}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "保存失败" in body and "补充后的文字" in body
    autosave = client.post(
        f"/reports/{report.pk}/autosave/", {"text": "补充后的文字", "version": report.version}
    )
    assert "未保存" in autosave.content.decode()
    report.refresh_from_db()
    assert (report.text, report.version, report.versions.count()) == before


def test_it_shows_what_changed_between_versions_and_periods(world, october, as_user):
    report = slot(october.period, "区发改局")
    client = as_user(world.users["unit_a"])
    client.post(f"/reports/{report.pk}/edit/", {"text": "固定资产投资增长3%。", "version": 0})
    client.post(f"/reports/{report.pk}/edit/", {"text": "固定资产投资增长3.1%。", "version": 1})
    body = client.get(f"/reports/{report.pk}/diff/?a=1&b=2").content.decode()
    assert "<ins>.1</ins>" in body
    body = client.get(f"/reports/{report.pk}/diff/?with=previous").content.decode()
    assert "<del>" in body and "2021年第三季度 → 2021年10月" in body
    other = as_user(world.users["unit_b"])
    assert other.get(f"/reports/{report.pk}/diff/?a=1&b=2").status_code == 403


def test_it_shows_the_periods_milestone_and_records_the_reviewers_judgement(
    world, october, as_user
):
    from duban.web.plans.models import Milestone

    Milestone.objects.create(
        task=world.tasks[1], label="10月", end_month=10, text="完成全年固定资产投资的85%"
    )
    report = slot(october.period, "区发改局")
    unit_a = as_user(world.users["unit_a"])
    assert "完成全年固定资产投资的85%" in unit_a.get(f"/reports/{report.pk}/edit/").content.decode()
    submit(unit_a, report, NEW_TEXT_A)
    office = as_user(world.users["office"])
    assert (
        "完成全年固定资产投资的85%"
        in office.get(f"/rounds/{october.period.pk}/queue/").content.decode()
    )
    office.post(
        f"/reports/{report.pk}/review/",
        {"decision": "accept", "milestone": "not_met", "milestone_reason": "投资仅完成78%"},
    )
    report.refresh_from_db()
    assert (report.state, report.milestone_met, report.milestone_reason) == (
        "accepted",
        False,
        "投资仅完成78%",
    )


def test_it_imports_milestones_from_a_decomposition_table(db):
    import dataclasses

    from duban.core.model import Milestone as CoreMilestone
    from duban.web.plans.models import Milestone
    from duban.web.plans.services import plan_import
    from tests.web.conftest import small_plan

    plan = small_plan()
    task = dataclasses.replace(
        plan.sections[0].tasks[1],
        milestones=(CoreMilestone("一季度", 3, "完成预算收入的25%"),),
    )
    section = dataclasses.replace(plan.sections[0], tasks=(plan.sections[0].tasks[0], task))
    plan = dataclasses.replace(plan, sections=(section, *plan.sections[1:]))
    plan_import(plan)
    plan_import(plan)
    assert list(Milestone.objects.values_list("task__seq", "end_month", "text")) == [
        (2, 3, "完成预算收入的25%")
    ]


def test_it_mails_the_units_reporters_when_a_report_is_returned(
    world, october, as_user, mailoutbox
):
    world.users["unit_b"].email = "dgz@example.org"
    world.users["unit_b"].save()
    report = slot(october.period, "底阁镇")
    submit(as_user(world.users["unit_b"]), report, "1-10月，固定资产投资2.9亿元。")
    as_user(world.users["office"]).post(
        f"/reports/{report.pk}/review/", {"decision": "return", "comment": "请补充同比增幅。"}
    )
    assert mailoutbox == []  # sent by the background worker, not in the office's request
    run_jobs()
    assert [m.to for m in mailoutbox] == [["dgz@example.org"]]
    assert "请补充同比增幅。" in mailoutbox[0].body and "第1项" in mailoutbox[0].subject


def test_it_tells_a_reporter_how_many_slots_still_need_writing(world, october, as_user):
    client = as_user(world.users["unit_b"])
    assert '<span class="count" title="待填写">2</span>' in client.get("/my/").content.decode()
    submit(client, slot(october.period, "底阁镇"), "1-10月，固定资产投资2.9亿元。")
    assert '<span class="count" title="待填写">1</span>' in client.get("/my/").content.decode()
    assert 'class="count"' not in as_user(world.users["office"]).get("/").content.decode()
