"""延期 with approval: a unit asks, its approver then the office approve, and from then on the task
is judged against the new deadline; returns, refusals and who may do what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.web.audit.models import AuditEvent
from duban.web.changes.models import ApprovalStep, ChangeRequest, ChangeSettings
from duban.web.plans.models import Task
from tests.web.changes.conftest import NEXT_MARCH, TODAY, _decide, _file, _user, _verdict


def test_it_judges_against_the_approved_deadline_after_the_two_step_chain(
    client, world, task2, finance
):
    reporter, head = finance
    before = _verdict(world, task2)
    assert before.verdict == "behind", before.explanation
    assert "6月底前" in before.explanation

    r = _file(client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="项目资金未到位")
    assert r.status_code == 302
    req = ChangeRequest.objects.get()
    assert (req.state, req.current_step) == ("pending", "unit")

    assert _decide(client, head, task2, req).status_code == 302
    req.refresh_from_db()
    assert (req.state, req.current_step) == ("pending", "office")
    assert _verdict(world, task2).verdict == "behind"

    assert _decide(client, world.users["office"], task2, req, comment="同意").status_code == 302
    req.refresh_from_db()
    assert req.state == "approved"
    after = _verdict(world, task2)
    assert after.verdict == "on_schedule", after.explanation
    when = f"{NEXT_MARCH.year}年3月"
    assert after.explanation.startswith(f"已批准延期至{NEXT_MARCH.year}年3月31日；")
    assert f"按完成时限{when}" in after.explanation
    assert [(s.step, s.decision) for s in req.steps.all()] == [
        ("unit", "approve"),
        ("office", "approve"),
    ]
    actions = list(
        AuditEvent.objects.filter(object_type="changes.changerequest")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "change_request_file",
        "change_request_approve",
        "change_request_approve",
    ]
    page = client.get(reverse("task", args=[task2.pk])).content.decode()
    assert "项目资金未到位" in page and "同意" in page

    # Approving twice: refused, nothing more written.
    r = _decide(client, world.users["office"], task2, req)
    assert r.status_code == 409
    assert "不能再次审批" in r.content.decode()
    assert req.steps.count() == 2


def test_it_ends_a_returned_request_and_keeps_it(client, world, task2, finance):
    reporter, head = finance
    _file(client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="理由")
    req = ChangeRequest.objects.get()
    r = _decide(client, head, task2, req, decision="return", comment="")
    assert r.status_code == 400 and "退回时请写明理由" in r.content.decode()
    assert _decide(client, head, task2, req, "return", "材料不全").status_code == 302
    req.refresh_from_db()
    assert req.state == "returned"
    assert _verdict(world, task2).verdict == "behind"
    assert _decide(client, world.users["office"], task2, req).status_code == 409
    # The unit files a new one; the returned one stays.
    assert (
        _file(
            client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="补充材料"
        ).status_code
        == 302
    )
    assert ChangeRequest.objects.count() == 2


def test_it_passes_over_a_unit_step_nobody_holds(client, world, task2):
    ChangeSettings.objects.create(organization=world.org, chain="unit,office")
    reporter = _user(world, "finance", "unit", world.units["区财政局"])
    _file(client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="理由")
    req = ChangeRequest.objects.get()
    assert req.current_step == "office"
    assert [(s.step, s.decision) for s in req.steps.all()] == [("unit", "skipped")]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"new_date": "", "reason": "理由"}, "请填写申请延期至的日期"),
        ({"new_date": "2020-01-01", "reason": "理由"}, "不在今天之后"),
        ({"new_date": NEXT_MARCH.isoformat(), "reason": "  "}, "请填写延期理由"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(client, world, task2, finance, data, message):
    r = _file(client, finance[0], task2, **data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert ChangeRequest.objects.count() == 0
    assert not AuditEvent.objects.filter(action="change_request_file").exists()


def test_it_refuses_a_date_not_after_the_current_deadline(client, world, task2, finance):
    Task.objects.filter(pk=task2.pk).update(due_year=TODAY.year + 1, due_month=6)
    r = _file(client, finance[0], task2, new_date=NEXT_MARCH.isoformat(), reason="理由")
    assert r.status_code == 400
    assert f"不晚于现行完成时限 {TODAY.year + 1}-06-30" in r.content.decode()
    assert ChangeRequest.objects.count() == 0


def test_it_lets_only_a_unit_named_on_the_task_file(client, world, task2, finance):
    data = {"new_date": NEXT_MARCH.isoformat(), "reason": "理由"}
    assert _file(client, world.users["unit_a"], task2, **data).status_code == 403  # 区发改局
    assert _file(client, world.users["office"], task2, **data).status_code == 403
    assert _file(client, world.users["leader"], task2, **data).status_code == 403
    assert _file(client, world.users["other_office"], task2, **data).status_code == 404
    client.logout()
    r = client.post(reverse("change_request_file", args=[task2.pk]), data)
    assert r.status_code == 302 and "/login/" in r["Location"]
    assert ChangeRequest.objects.count() == 0


def test_it_lets_only_the_steps_holder_decide(client, world, task2, finance):
    reporter = finance[0]
    _file(client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="理由")
    req = ChangeRequest.objects.get()
    assert _decide(client, world.users["office"], task2, req).status_code == 403  # unit's turn
    assert _decide(client, reporter, task2, req).status_code == 403  # not the approver
    assert _decide(client, world.users["unit_b"], task2, req).status_code == 403  # other unit
    assert _decide(client, world.users["leader"], task2, req).status_code == 403  # no scope
    assert _decide(client, world.users["other_office"], task2, req).status_code == 404
    client.logout()
    r = client.post(reverse("change_request_decide", args=[task2.pk]), {"request": req.pk})
    assert r.status_code == 302 and "/login/" in r["Location"]
    assert req.steps.count() == 0
    assert ApprovalStep.objects.count() == 0


def test_it_shows_the_form_to_a_named_unit_and_the_buttons_to_the_steps_holder(
    client, world, task2, finance
):
    reporter, head = finance
    url = reverse("task", args=[task2.pk])
    client.force_login(reporter)
    assert reverse("change_request_file", args=[task2.pk]) in client.get(url).content.decode()
    client.force_login(world.users["unit_a"])  # 区发改局 is not named on task 2
    assert reverse("change_request_file", args=[task2.pk]) not in client.get(url).content.decode()
    _file(client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="理由")
    decide = reverse("change_request_decide", args=[task2.pk])
    client.force_login(head)
    assert decide in client.get(url).content.decode()
    client.force_login(world.users["office"])  # not the office's turn yet
    assert decide not in client.get(url).content.decode()
