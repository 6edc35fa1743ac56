"""The office and leaders see each task's verdict on the plan and task pages, with its evidence;
unit reporters and anonymous readers do not (a verdict may rest on another unit's draft)."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    user = get_user_model().objects.create_user("office")
    Membership.objects.create(user=user, organization=Organization.objects.get(), role="office")
    return user


def _task(seq):
    from duban.web.plans.models import Task

    return Task.objects.get(seq=seq)


def test_it_shows_a_light_with_its_label_for_every_task_on_the_plan_page(office, client):
    from duban.web.plans.models import Plan

    client.force_login(office)
    body = client.get(f"/plans/{Plan.objects.get().pk}/").content.decode()
    assert body.count('class="light verdict-') == 108
    assert "● 滞后" in body and "● 已完成" in body


def test_it_explains_the_verdict_and_marks_its_evidence_on_the_task_page(office, client):
    client.force_login(office)
    body = client.get(f"/tasks/{_task(91).pk}/").content.decode()
    assert "目标3500人，1-9月完成3737人，完成106.8%，已完成" in body
    assert "<mark>城镇新增就业完成3737人</mark>" in body


def test_it_escapes_hostile_report_text_around_the_evidence(office, client):
    from duban.web.plans.models import Report

    report = Report.objects.get(task__seq=91)
    report.text = "<script>alert(1)</script>城镇新增就业完成3737人，已完成任务的107%。"
    report.save()
    client.force_login(office)
    body = client.get(f"/tasks/{_task(91).pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def _unit_reporter(name="区人社局"):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization, Unit

    unit = get_user_model().objects.create_user("unit")
    Membership.objects.create(
        user=unit,
        organization=Organization.objects.get(),
        role="unit",
        unit=Unit.objects.get(name=name),
    )
    return unit


def test_a_unit_reporter_sees_the_verdict_and_its_evidence_but_no_flags(office, client):
    client.force_login(_unit_reporter())
    body = client.get(f"/tasks/{_task(91).pk}/").content.decode()
    assert "● 已完成" in body and "<mark>城镇新增就业完成3737人</mark>" in body
    assert 'class="flags' not in body and "保存认定" not in body


def test_a_draft_counts_for_nothing_until_it_is_submitted(office, client):
    """Verdicts read submitted and accepted reports only, so no one learns a draft through them."""
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.plans.models import Report

    report = Report.objects.get(task__seq=91)
    report.state = Report.State.DRAFT
    report.text = "城镇新增就业完成1000人。"
    report.version += 1
    report.save()
    task = _task(91)
    judged = period_judgement(task.plan, report.period).tasks[task.pk]
    assert judged.verdict == "not_reported" and judged.light is None
    client.force_login(_unit_reporter("区发改局"))
    body = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "1000人" not in body and "● 未报送" in body
