"""A forgotten password is reset by the office without e-mail: a one-time password shown once,
the old password and sessions dead at once, a change of password forced at the next log-in, under
the policy in settings."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from duban.web.accounts.models import Membership
from duban.web.audit.models import AuditEvent


@pytest.fixture
def reset(world, as_user):
    """Reset unit_a's password as the office; → (the one-time password, the page)."""

    def run():
        member = Membership.objects.get(user=world.users["unit_a"])
        office = as_user(world.users["office"])
        url = reverse("account_password_reset", args=[world.org.pk, member.pk])
        page = office.post(url)
        (issued,) = page.context["issued"]
        return issued.password, page

    return run


def _login(username: str, password: str) -> tuple[Client, int]:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response.status_code


def test_the_office_sees_the_new_password_once_and_the_old_one_stops_working(world, reset):
    before = Client()
    before.force_login(world.users["unit_a"])
    password, page = reset()
    assert page.status_code == 200
    assert password in page.content.decode()
    assert "以下密码只显示这一次" in page.content.decode()
    _, status = _login("unit_a", "pw-unit_a")
    assert status == 200  # the form again: the old password is refused
    assert before.get(reverse("my_tasks")).status_code == 302  # the open session has ended
    event = AuditEvent.objects.get(action="password_reset")
    assert event.actor == world.users["office"]
    assert password not in str(event.after)


def test_the_next_log_in_must_change_the_password_before_anything_else(world, reset):
    password, _ = reset()
    client, status = _login("unit_a", password)
    assert status == 302
    for page in ("my_tasks", "home", "api_tokens"):
        response = client.get(reverse(page))
        assert (response.status_code, response.url) == (302, reverse("password_change"))
    form = client.get(reverse("password_change"))
    assert "请先设置您自己的密码再继续" in form.content.decode()

    weak = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "abcdefghijk", "new_password2": "abcdefghijk"},
    )
    assert weak.status_code == 200
    assert "密码须包含小写字母、大写字母、数字、符号、汉字等其他文字中的至少 2 种。" in (
        weak.content.decode()
    )

    done = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "Liuyuan-2025",
            "new_password2": "Liuyuan-2025",
        },
    )
    assert (done.status_code, done.url) == (302, reverse("home"))
    assert client.get(reverse("my_tasks")).status_code == 200
    member = Membership.objects.get(user=world.users["unit_a"])
    assert (member.must_change_password, member.password_changed_at is not None) == (False, True)
    assert authenticate(username="unit_a", password="Liuyuan-2025") is not None


def test_a_stopped_account_cannot_be_reset(world, as_user):
    user = world.users["unit_b"]
    user.is_active = False
    user.save()
    member = Membership.objects.get(user=user)
    office = as_user(world.users["office"])
    response = office.post(reverse("account_password_reset", args=[world.org.pk, member.pk]))
    assert (response.status_code, response.url) == (302, reverse("accounts", args=[world.org.pk]))
    assert not AuditEvent.objects.filter(action="password_reset").exists()


def test_another_organizations_member_is_not_found(world, as_user):
    member = Membership.objects.get(user=world.users["unit_a"])
    other = as_user(world.users["other_office"])
    url = reverse("account_password_reset", args=[world.org.pk, member.pk])
    assert other.post(url).status_code == 404
    assert as_user(world.users["unit_b"]).post(url).status_code == 403
    assert authenticate(username="unit_a", password="pw-unit_a") is not None


def test_the_policy_comes_from_settings(settings):
    from django.contrib.auth.password_validation import validate_password

    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "duban.web.accounts.passwords.CharacterClassesValidator",
            "OPTIONS": {"classes": 4},
        }
    ]
    with pytest.raises(ValidationError, match="至少 4 种"):
        validate_password("Liuyuan2025x")
    validate_password("Liuyuan-2025")
    validate_password("榴园Liuyuan-2025")
    with pytest.raises(ValidationError, match="至少 4 种"):
        validate_password("榴园督办-第四季度")  # 汉字 and symbols: two kinds


def test_a_password_older_than_the_maximum_age_must_change(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.DUBAN_PASSWORD_MAX_AGE_DAYS = 90
    Membership.objects.filter(user=world.users["unit_a"]).update(
        password_changed_at=timezone.now() - timedelta(days=91)
    )
    Membership.objects.filter(user=world.users["unit_b"]).update(
        password_changed_at=timezone.now() - timedelta(days=89)
    )
    old, _ = _login("unit_a", "pw-unit_a")
    fresh, _ = _login("unit_b", "pw-unit_b")
    assert old.get(reverse("my_tasks")).url == reverse("password_change")
    assert fresh.get(reverse("my_tasks")).status_code == 200


def test_one_time_passwords_meet_any_policy_the_settings_allow(settings):
    from django.contrib.auth.password_validation import validate_password

    from duban.web.accounts.passwords import one_time_password

    settings.DUBAN_PASSWORD_MIN_LENGTH = 16
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 16},
        },
        {
            "NAME": "duban.web.accounts.passwords.CharacterClassesValidator",
            "OPTIONS": {"classes": 4},
        },
    ]
    passwords = {one_time_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        validate_password(password)


def test_wrong_policy_settings_fail_loudly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from duban.web import settings as duban_settings

    monkeypatch.setenv("DUBAN_PASSWORD_CHARACTER_CLASSES", "6")
    with pytest.raises(ImproperlyConfigured, match="DUBAN_PASSWORD_CHARACTER_CLASSES"):
        duban_settings._env_int("DUBAN_PASSWORD_CHARACTER_CLASSES", 2, 1, 5)
    monkeypatch.setenv("DUBAN_PASSWORD_MIN_LENGTH", "ten")
    with pytest.raises(ImproperlyConfigured, match="not 'ten'"):
        duban_settings._env_int("DUBAN_PASSWORD_MIN_LENGTH", 10, 8, 64)
