"""Fault 4 of the outside test: behind a reverse proxy every client has the proxy's address, so
five wrong passwords for `office` locked the real office out for 15 minutes, repeatably. The
client's address now comes from one rule (duban/web/clients.py, DUBAN_TRUSTED_PROXIES) used by
every limiter; failures for one name from many addresses slow that name down, never lock it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.9"
OFFICE_DESK = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings):
    settings.DUBAN_TRUSTED_PROXIES = ["10.0.0.0/8"]


def _login(password: str, client_ip: str, *, name: str = "office", spoofed: str = ""):
    forwarded = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return Client().post(
        "/accounts/login/",
        {"username": name, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_wrong_passwords_from_one_client_do_not_lock_out_the_office(world, behind_proxy):
    codes = [_login("wrong", ATTACKER).status_code for _ in range(6)]
    assert codes == [200, 200, 200, 200, 429, 429]
    assert _login("pw-office", ATTACKER).status_code == 429  # the attacker's address is locked
    assert _login("pw-office", OFFICE_DESK).status_code == 302  # the real office logs in


def test_an_address_written_by_the_client_is_not_believed(world, behind_proxy):
    """The left of X-Forwarded-For is the client's own say: new values there change nothing."""
    codes = [_login("wrong", ATTACKER, spoofed=f"192.0.2.{i}").status_code for i in range(5)]
    assert codes == [200, 200, 200, 200, 429]


def test_without_trusted_proxies_the_header_is_ignored(world, settings):
    settings.DUBAN_TRUSTED_PROXIES = []
    codes = [
        Client()
        .post(
            "/accounts/login/",
            {"username": "office", "password": "wrong"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
        .status_code
        for i in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]


def test_guesses_from_many_addresses_slow_the_name_down_without_locking_it(world, behind_proxy):
    from axes.models import AccessAttempt

    for i in range(5):  # ten failures, two from each of five addresses
        assert [_login("wrong", f"203.0.113.{i}").status_code for _ in range(2)] == [200, 200]
    slowed = _login("pw-office", OFFICE_DESK)
    assert slowed.status_code == 429
    assert 1 <= int(slowed["Retry-After"]) <= 30
    assert "秒后再试" in slowed.content.decode()
    # The refused try was not counted against the office's own address.
    assert not AccessAttempt.objects.filter(ip_address=OFFICE_DESK).exists()
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=31))
    assert _login("pw-office", OFFICE_DESK).status_code == 302


def test_the_slow_down_never_waits_longer_than_thirty_seconds(world, behind_proxy):
    from axes.models import AccessAttempt

    from duban.web.security import account_wait

    AccessAttempt.objects.create(
        username="office",
        ip_address=ATTACKER,
        user_agent="x",
        failures_since_start=500,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    assert 29 <= account_wait("office") <= 30
    assert account_wait("leader") == 0


def test_the_api_limits_guessing_per_client_behind_the_proxy(world, behind_proxy, settings):
    settings.DUBAN_API_ADDRESS_RATE = "2/minute"

    def guess(client_ip: str) -> int:
        return (
            Client()
            .get(
                "/api/v1/plans",
                HTTP_AUTHORIZATION="Bearer dbn_guess",
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=client_ip,
            )
            .status_code
        )

    assert [guess(ATTACKER) for _ in range(3)] == [401, 401, 429]
    assert guess(OFFICE_DESK) == 401  # another client through the same proxy is not limited


@pytest.mark.parametrize(
    "remote, forwarded, client",
    [
        (PROXY, ATTACKER, ATTACKER),
        (PROXY, f"192.0.2.1, {ATTACKER}", ATTACKER),
        (PROXY, f"{ATTACKER}, 10.0.0.2", ATTACKER),  # through two proxies of ours
        (PROXY, "", PROXY),
        (PROXY, "not-an-address", PROXY),
        (ATTACKER, OFFICE_DESK, ATTACKER),  # not through a proxy of ours: the header is ignored
        ("", "", None),
    ],
)
def test_one_rule_reads_the_clients_address(remote, forwarded, client, rf, behind_proxy):
    from duban.web.clients import client_address

    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_a_mistyped_proxy_fails_at_start():
    from duban.web.clients import parse_trusted_proxies

    assert [str(n) for n in parse_trusted_proxies("10.0.0.5, 10.1.0.0/16")] == [
        "10.0.0.5/32",
        "10.1.0.0/16",
    ]
    with pytest.raises(ValueError, match=r"'proxy\.local' is not an address"):
        parse_trusted_proxies("10.0.0.5, proxy.local")
