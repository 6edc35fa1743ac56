"""签收: a unit acknowledges a task from its report slot, once; the round overview lists the units
that have not, with their task numbers; only the report's own unit signs."""

from __future__ import annotations

import pytest
from django.urls import reverse


def test_a_unit_acknowledges_its_task_once_and_the_overview_drops_it(world, as_user):
    from duban.web.audit.models import AuditEvent
    from duban.web.workflow.models import Acknowledgement

    office = as_user(world.users["office"])
    overview = office.get(reverse("round", args=[world.q4.pk])).content.decode()
    assert "<li>区发改局：第 1 项</li>" in overview
    assert "<li>底阁镇：第 1 项</li>" in overview

    reporter = as_user(world.users["unit_a"])
    draft = world.drafts["区发改局"]
    editor = reporter.get(reverse("report_edit", args=[draft.pk])).content.decode()
    assert 'id="acknowledge"' in editor
    response = reporter.post(reverse("task_acknowledge", args=[draft.pk]), follow=True)
    assert "已签收第1项任务。" in response.content.decode()
    assert 'id="acknowledged"' in response.content.decode()
    reporter.post(reverse("task_acknowledge", args=[draft.pk]))  # again: nothing more
    ack = Acknowledgement.objects.get()
    assert (ack.task_id, ack.unit_id, ack.user) == (
        world.tasks[1].pk,
        world.units["区发改局"].pk,
        world.users["unit_a"],
    )
    assert AuditEvent.objects.filter(action="task_acknowledge").count() == 1

    overview = as_user(world.users["office"]).get(reverse("round", args=[world.q4.pk]))
    body = overview.content.decode()
    assert "区发改局：第 1 项" not in body
    assert "<li>底阁镇：第 1 项</li>" in body


def test_the_overview_says_when_everyone_has_acknowledged(world, as_user):
    for name in ("unit_a", "unit_b"):
        unit = {"unit_a": "区发改局", "unit_b": "底阁镇"}[name]
        as_user(world.users[name]).post(reverse("task_acknowledge", args=[world.drafts[unit].pk]))
    body = as_user(world.users["office"]).get(reverse("round", args=[world.q4.pk]))
    assert "各单位均已签收本轮任务。" in body.content.decode()


@pytest.mark.parametrize(
    "who, status", [("office", 403), ("unit_b", 403), ("leader", 403), ("other_office", 404)]
)
def test_no_one_but_the_report_s_unit_signs(world, as_user, who, status):
    from duban.web.workflow.models import Acknowledgement

    client = as_user(world.users[who])
    response = client.post(reverse("task_acknowledge", args=[world.drafts["区发改局"].pk]))
    assert response.status_code == status
    assert not Acknowledgement.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(world, as_user):
    response = as_user(None).post(reverse("task_acknowledge", args=[world.drafts["区发改局"].pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
