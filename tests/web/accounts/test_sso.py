"""Single sign-on with 统一身份认证, against a stub OpenID Connect provider on 127.0.0.1: an
identity reaches the account the office made for the same phone number (then by its subject),
never creates one, never reaches a stopped one; local log-in stays for the office."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.test import Client
from django.urls import reverse

from duban.web.accounts.models import Membership
from duban.web.audit.models import AuditEvent
from tests.web.oidc_stub import running_provider


@pytest.fixture
def provider(settings):
    with running_provider() as stub:
        stub.configure(settings)
        stub.directory["wangfang"] = {
            "sub": "gov-0001",
            "name": "王芳",
            "phone_number": "+86 138 0000 0001",
        }
        yield stub


def sign_in(client: Client, provider, account: str):
    """Through the provider's form as a person would, up to duban's answer to the callback."""
    start = client.get(reverse("sso_start"))
    assert start.status_code == 302 and start.url.startswith(provider.url + "/authorize?")
    query = {k: v[0] for k, v in parse_qs(urlparse(start.url).query).items()}
    assert query["code_challenge_method"] == "S256" and query["nonce"]
    signed = requests.post(
        f"{provider.url}/authorize",
        data={**query, "account": account},
        allow_redirects=False,
        timeout=5,
    )
    callback = urlparse(signed.headers["Location"])
    assert callback.path == reverse("sso_callback")
    return client.get(f"{callback.path}?{callback.query}")


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def test_a_unit_reporter_signs_on_and_lands_on_their_tasks(world, provider):
    Membership.objects.filter(user=world.users["unit_a"]).update(phone="13800000001")
    client = Client()
    answer = sign_in(client, provider, "wangfang")
    assert (answer.status_code, answer.url) == (302, reverse("my_tasks"))
    page = client.get(answer.url)
    assert page.status_code == 200
    assert page.wsgi_request.user == world.users["unit_a"]
    member = Membership.objects.get(user=world.users["unit_a"])
    assert member.sso_subject == "gov-0001"
    assert AuditEvent.objects.filter(action="sso_link", actor=world.users["unit_a"]).count() == 1


def test_a_linked_identity_signs_on_by_its_subject_even_after_the_phone_changed(world, provider):
    Membership.objects.filter(user=world.users["unit_a"]).update(sso_subject="gov-0001")
    provider.directory["wangfang"]["phone_number"] = "13999999999"
    answer = sign_in(Client(), provider, "wangfang")
    assert answer.url == reverse("my_tasks")


def test_an_identity_without_an_account_creates_nothing(world, provider):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    answer = sign_in(Client(), provider, "wangfang")
    assert (answer.status_code, answer.url) == (302, reverse("login"))
    assert _messages(answer) == [
        "统一身份认证账号手机号 138****0001 没有对应的督办账号，请联系督查室开通（联络员名单导入或交接）。"
    ]
    assert get_user_model().objects.count() == users


def test_a_stopped_account_stays_out(world, provider):
    Membership.objects.filter(user=world.users["unit_a"]).update(sso_subject="gov-0001")
    world.users["unit_a"].is_active = False
    world.users["unit_a"].save()
    answer = sign_in(Client(), provider, "wangfang")
    assert answer.url == reverse("login")
    assert _messages(answer) == ["您的督办账号已停用（可能已交接给他人），请联系督查室。"]


def test_a_replayed_callback_signs_nobody_in(world, provider):
    Membership.objects.filter(user=world.users["unit_a"]).update(phone="13800000001")
    client = Client()
    first = sign_in(client, provider, "wangfang")
    replay = Client().get(first.wsgi_request.get_full_path())
    assert (replay.status_code, replay.url) == (302, reverse("login"))
    assert "_auth_user_id" not in replay.wsgi_request.session


def test_an_unreachable_provider_is_one_sentence_on_the_login_page(world, provider, settings):
    Membership.objects.filter(user=world.users["unit_a"]).update(phone="13800000001")
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens there
    answer = sign_in(Client(), provider, "wangfang")
    assert answer.url == reverse("login")
    assert _messages(answer) == ["统一身份认证没有完成，请重试，或用账号和密码登录。"]


def test_the_login_page_offers_both_and_the_office_keeps_its_password(world, provider, settings):
    settings.DUBAN_LOCAL_LOGIN = "office"
    page = Client().get(reverse("login"))
    assert 'id="sso-login"' in page.content.decode()
    assert "统一身份认证登录" in page.content.decode()
    office = Client().post(reverse("login"), {"username": "office", "password": "pw-office"})
    assert office.status_code == 302
    unit = Client().post(reverse("login"), {"username": "unit_a", "password": "pw-unit_a"})
    assert unit.status_code == 200  # a reporter signs on through 统一身份认证


def test_without_sso_configured_its_pages_are_not_found(world, client):
    assert client.get(reverse("sso_start")).status_code == 404
    assert client.get(reverse("sso_callback")).status_code == 404
    assert 'id="sso-login"' not in client.get(reverse("login")).content.decode()


def test_password_log_in_for_the_office_only_needs_single_sign_on(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import duban.web.settings as duban_settings

    monkeypatch.setenv("DUBAN_LOCAL_LOGIN", "office")
    monkeypatch.delenv("DUBAN_SSO_CLIENT_ID", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DUBAN_LOCAL_LOGIN=office needs single sign-on"):
        importlib.reload(duban_settings)
    monkeypatch.delenv("DUBAN_LOCAL_LOGIN")
    importlib.reload(duban_settings)
