"""Rate limits per token and, for requests without a valid token, per address (Django's cache)."""

from __future__ import annotations


def test_it_answers_429_with_retry_after_once_a_tokens_rate_is_used_up(api_as, settings):
    settings.DUBAN_API_TOKEN_RATE = "3/minute"
    api = api_as("office")
    assert [api.get("/plans").status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get("/plans")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_each_token_has_its_own_count(api_as, settings):
    settings.DUBAN_API_TOKEN_RATE = "2/minute"
    first, second = api_as("office"), api_as("leader")
    assert [first.get("/plans").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/plans").status_code == 200


def test_guessing_tokens_is_limited_per_address(world, client, settings):
    settings.DUBAN_API_ADDRESS_RATE = "2/minute"
    codes = [
        client.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer dbn_guess{i}").status_code
        for i in range(3)
    ]
    assert codes == [401, 401, 429]
    elsewhere = client.get("/api/v1/plans", REMOTE_ADDR="10.0.0.2")
    assert elsewhere.status_code == 401


def test_a_rate_is_written_like_300_per_minute():
    import pytest

    from duban.web.api.throttle import parse_rate

    assert parse_rate("300/minute") == (300, 60)
    assert parse_rate("5/second") == (5, 1)
    with pytest.raises(ValueError):
        parse_rate("300/m")


def test_a_mistyped_rate_fails_the_system_check(settings):
    from duban.web.api.checks import rates_are_valid

    assert rates_are_valid(None) == []
    settings.DUBAN_API_ADDRESS_RATE = "60 per minute"
    assert [e.id for e in rates_are_valid(None)] == ["duban.api.E001"]
