"""A unit's reporting passes to a new reporter: the old account is stopped, not deleted, and what
it wrote stays under its name; the unit's reports, drafts included, pass to the new one."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from duban.web.accounts.models import Membership
from duban.web.audit.models import AuditEvent
from duban.web.plans.models import ReportVersion


@pytest.fixture
def hand_over(world, as_user):
    def run(**data):
        office = as_user(world.users["office"])
        url = reverse("hand_over", args=[world.org.pk, world.units["区发改局"].pk])
        return office.post(url, {"name": "陈静", "phone": "13900000009", **data})

    return run


def test_the_old_account_stops_and_keeps_what_it_wrote(world, hand_over):
    old = world.users["unit_a"]
    draft = world.drafts["区发改局"]
    version = ReportVersion.objects.create(
        report=draft, number=1, text=draft.text, state="draft", author=old
    )
    session = Client()
    session.force_login(old)

    page = hand_over(email="cj@example.cn")
    assert page.status_code == 200
    (issued,) = page.context["issued"]
    body = page.content.decode()
    assert "已停用：unit_a" in body and issued.password in body

    old.refresh_from_db()
    assert (old.is_active, old.has_usable_password()) == (False, False)
    assert Membership.objects.get(user=old).unit == world.units["区发改局"]  # kept, not deleted
    version.refresh_from_db()
    assert version.author == old
    assert session.get(reverse("my_tasks")).status_code == 302  # its session has ended
    assert authenticate(username="unit_a", password="pw-unit_a") is None

    new = Membership.objects.select_related("user").get(phone="13900000009")
    assert (new.unit, new.user.first_name, new.user.email) == (
        world.units["区发改局"],
        "陈静",
        "cj@example.cn",
    )
    event = AuditEvent.objects.get(action="unit_hand_over")
    assert (event.before, event.after) == (
        {"reporters": ["unit_a"]},
        {"reporter": "陈静", "user": "13900000009"},
    )


def test_the_new_reporter_takes_over_the_units_drafts(world, hand_over):
    (issued,) = hand_over().context["issued"]
    client = Client()
    client.post(reverse("login"), {"username": "13900000009", "password": issued.password})
    client.post(
        reverse("password_change"),
        {
            "old_password": issued.password,
            "new_password1": "Chenjing-2025",
            "new_password2": "Chenjing-2025",
        },
    )
    edit = client.get(reverse("report_edit", args=[world.drafts["区发改局"].pk]))
    assert edit.status_code == 200
    assert "前三季度地区生产总值增长9.5%" in edit.content.decode()


def test_a_wrong_new_reporter_changes_nothing(world, hand_over):
    page = hand_over(phone="1390000", name="陈静")
    assert page.status_code == 200
    assert page.context["form"].non_field_errors() == ["手机号“1390000”不是 11 位手机号。"]
    world.users["unit_a"].refresh_from_db()
    assert world.users["unit_a"].is_active
    assert not Membership.objects.filter(phone__startswith="139").exists()


def test_the_new_reporters_phone_may_not_belong_to_someone_else(world, hand_over):
    Membership.objects.filter(user=world.users["unit_b"]).update(phone="13900000009")
    page = hand_over()
    assert page.context["form"].non_field_errors() == ["手机号已是“unit_b（底阁镇）”的账号。"]
    world.users["unit_a"].refresh_from_db()
    assert world.users["unit_a"].is_active


def test_only_the_office_hands_over(world, as_user):
    url = reverse("hand_over", args=[world.org.pk, world.units["区发改局"].pk])
    data = {"name": "陈静", "phone": "13900000009"}
    assert as_user(world.users["unit_a"]).post(url, data).status_code == 403
    assert as_user(world.users["other_office"]).post(url, data).status_code == 404
    assert not Membership.objects.filter(phone="13900000009").exists()


def test_the_accounts_page_shows_who_reported_before(world, hand_over, as_user):
    hand_over()
    page = as_user(world.users["office"]).get(reverse("accounts", args=[world.org.pk]))
    body = page.content.decode()
    assert "原联络员：unit_a" in body
    assert "陈静" in body and "须修改密码" in body
