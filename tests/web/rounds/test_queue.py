"""The office's review queue, a page of its own: filters, the flags and light of the period's
judgement, the diffs, accept and return in place (HTMX) with the next report loaded, and batch
accept of the reports without flags."""

from __future__ import annotations

from tests.web.conftest import DRAFT_A, DRAFT_B


def _submit_both(world, text_a: str = DRAFT_A):
    from duban.web.rounds.services import report_submit

    for name, text in (("区发改局", text_a), ("底阁镇", DRAFT_B)):
        draft = world.drafts[name]
        report_submit(draft, text=text, actor=world.users["unit_a"], expected_version=draft.version)


def _queue(world) -> str:
    return f"/rounds/{world.q4.pk}/queue/"


def test_the_queue_lists_what_waits_with_its_task_unit_and_keys(world, as_user):
    _submit_both(world)
    response = as_user(world.users["office"]).get(_queue(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="report queue-item') == 2
    assert "区发改局" in body and "底阁镇" in body
    assert "地区生产总值增长6%以上" in body  # the task's target, not only 第N项
    assert "快捷键：j 下一项，k 上一项，a 通过" in body
    assert "duban/queue.js" in body


def test_the_queue_filters_by_unit_and_state(world, as_user):
    _submit_both(world)
    client = as_user(world.users["office"])
    unit = world.units["底阁镇"].pk
    body = client.get(_queue(world) + f"?unit={unit}").content.decode()
    assert body.count('class="report queue-item') == 1 and DRAFT_B in body
    accepted = client.get(_queue(world) + "?state=accepted").content.decode()
    assert 'id="queue-empty"' in accepted
    assert client.get(_queue(world) + "?unit=abc").status_code == 400


def test_accepting_in_place_answers_the_queue_with_the_next_report(world, as_user):
    _submit_both(world)
    client = as_user(world.users["office"])
    first = world.drafts["区发改局"]
    response = client.post(
        f"/reports/{first.pk}/review/",
        {"decision": "accept", "queue": "state=submitted"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="queue-body">')
    assert "已通过：第1项 · 区发改局" in body
    assert body.count('class="report queue-item') == 1 and DRAFT_B in body
    first.refresh_from_db()
    assert first.state == "accepted"


def test_a_return_without_a_comment_says_so_once_in_place(world, as_user):
    _submit_both(world)
    client = as_user(world.users["office"])
    report = world.drafts["底阁镇"]
    response = client.post(
        f"/reports/{report.pk}/review/",
        {"decision": "return", "comment": " ", "queue": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.content.decode().count("退回时请写明意见") == 1
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_resubmission_is_marked_with_its_diff_to_the_returned_version(world, as_user):
    from duban.web.rounds.services import report_return, report_submit

    _submit_both(world)
    report = world.drafts["区发改局"]
    report_return(report, comment="请补充数据", actor=world.users["office"])
    report.refresh_from_db()
    report_submit(
        report,
        text=DRAFT_A + "全年预计增长9%。",
        actor=world.users["unit_a"],
        expected_version=report.version,
    )
    body = as_user(world.users["office"]).get(_queue(world)).content.decode()
    assert body.count("重新报送") == 1
    assert "<ins>全年预计增长9%。</ins>" in body
    assert "退回意见：请补充数据" in body


def test_batch_accept_takes_only_reports_without_flags(world, as_user):
    from duban.web.rounds.queue import QueueFilters, queue_items

    _submit_both(world, "1-12月，地区生产总值同比增长9.5%。")  # of the whole year: no flag
    office = world.users["office"]
    items = queue_items(world.q4, office, QueueFilters())
    unflagged = [i.report.pk for i in items if not i.flags]
    flagged = [i.report.pk for i in items if i.flags]
    assert unflagged and flagged  # 底阁镇 writes 预计 (an estimate)
    client = as_user(office)
    response = client.post(
        f"/rounds/{world.q4.pk}/queue/accept/",
        {"report": [str(pk) for pk in unflagged + flagged], "queue": ""},
    )
    assert response.status_code == 302
    from duban.web.plans.models import Report

    states = dict(Report.objects.filter(pk__in=unflagged + flagged).values_list("pk", "state"))
    assert all(states[pk] == "accepted" for pk in unflagged)
    assert all(states[pk] == "submitted" for pk in flagged)


def test_batch_accept_with_nothing_picked_changes_nothing(world, as_user):
    _submit_both(world)
    response = as_user(world.users["office"]).post(
        f"/rounds/{world.q4.pk}/queue/accept/", {"queue": ""}, follow=True
    )
    assert response.status_code == 200
    assert response.content.decode().count("请勾选没有标记的待审核进展") == 1
    from duban.web.plans.models import Report

    assert set(Report.objects.filter(period=world.q4).values_list("state", flat=True)) == {
        "submitted"
    }


def test_the_queue_is_the_offices(world, as_user):
    assert as_user(world.users["leader"]).get(_queue(world)).status_code == 403
    assert as_user(world.users["unit_a"]).get(_queue(world)).status_code == 403
    assert as_user(world.users["other_office"]).get(_queue(world)).status_code == 404


def test_the_queue_filters_by_flag_with_its_label(world, as_user):
    _submit_both(world, "1-12月，地区生产总值同比增长9.5%。")
    client = as_user(world.users["office"])
    body = client.get(_queue(world) + "?flag=estimate").content.decode()
    assert body.count('class="report queue-item') == 1 and DRAFT_B in body
    assert '<span class="badge flag">以预计数代替实际数</span>' in body
    assert "estimate</span>" not in body  # the key is never shown
    assert 'id="queue-empty"' in client.get(_queue(world) + "?flag=blocked").content.decode()


def test_the_queue_shows_its_first_reports_and_says_how_many_wait(world, as_user, monkeypatch):
    from duban.web.rounds import queue

    _submit_both(world)
    monkeypatch.setattr(queue, "QUEUE_SHOWN", 1)
    body = as_user(world.users["office"]).get(_queue(world)).content.decode()
    assert body.count('class="report queue-item') == 1
    assert "2 项进展 · 显示前 1 项，每审核一项即补上下一项" in body
