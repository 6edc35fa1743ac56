"""Personal API tokens: made and revoked by their owner on a page, stored as sha256 only,
and nothing answers without one."""

from __future__ import annotations

import hashlib

import pytest

ENDPOINTS = ["/organizations", "/plans", "/tasks", "/periods", "/reports", "/units"]


def test_it_stores_only_the_sha256_of_the_secret(world):
    from duban.web.api.models import ApiToken
    from duban.web.api.tokens import token_create

    token, secret = token_create(world.users["unit_a"], name="OA 系统")
    row = ApiToken.objects.values().get(pk=token.pk)
    assert row["digest"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in [str(v) for v in row.values()]
    assert secret.startswith(row["prefix"]) and len(row["prefix"]) < len(secret) // 3


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_answers_401_without_a_token(api_as, path):
    response = api_as(None).get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_it_answers_401_for_a_wrong_or_malformed_token(world, client):
    for header in ("Bearer dbn_not-a-real-token", "Bearer ", "Basic dXNlcjpwdw==", "dbn_x"):
        response = client.get("/api/v1/plans", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header


def test_it_does_not_take_a_logged_in_session_for_a_token(world, as_user):
    assert as_user(world.users["office"]).get("/api/v1/plans").status_code == 401


def test_a_user_makes_a_token_on_the_page_sees_it_once_and_it_works(world, as_user, api_as):
    client = as_user(world.users["unit_a"])
    page = client.post("/account/tokens/", {"name": "爱山东"})
    assert page.status_code == 200
    secret = page.context["secret"]
    assert secret in page.content.decode()
    again = client.get("/account/tokens/").content.decode()
    assert "爱山东" in again and secret not in again
    answer = client.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert answer.status_code == 200 and answer.json()["total"] == 1


def test_a_revoked_token_answers_401_and_stays_listed(world, as_user):
    from duban.web.api.models import ApiToken
    from duban.web.audit.models import AuditEvent

    client = as_user(world.users["unit_a"])
    secret = client.post("/account/tokens/", {"name": "大屏"}).context["secret"]
    token = ApiToken.objects.get(user=world.users["unit_a"])
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert client.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert "已吊销" in client.get("/account/tokens/").content.decode()
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["api_token_create", "api_token_revoke"]


def test_a_user_cannot_revoke_someone_elses_token(world, as_user):
    from duban.web.api.models import ApiToken
    from duban.web.api.tokens import token_create

    token, _ = token_create(world.users["unit_a"], name="OA")
    response = as_user(world.users["unit_b"]).post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).active


def test_the_token_page_needs_a_login(world, as_user):
    response = as_user(None).get("/account/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_a_token_without_a_purpose(world, as_user):
    page = as_user(world.users["office"]).post("/account/tokens/", {"name": "  "})
    assert page.context["secret"] is None
    assert page.context["form"].errors


def test_every_signed_in_page_links_to_the_token_page(world, as_user):
    page = as_user(world.users["leader"]).get("/").content.decode()
    assert 'href="/account/tokens/"' in page
