"""Behind nginx a request reaches Django over HTTP: HSTS and secure redirects need the proxy's
word that the client spoke HTTPS, believed only from a proxy in DUBAN_TRUSTED_PROXIES."""

from __future__ import annotations

import pytest
from django.test import Client

PROXY = "10.0.0.1"


@pytest.fixture
def hsts(settings):
    settings.DUBAN_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SECURE_HSTS_SECONDS = 31536000


def _get(remote: str, proto: str | None):
    extra = {"HTTP_X_FORWARDED_PROTO": proto} if proto else {}
    return Client().get("/accounts/login/", REMOTE_ADDR=remote, **extra)


def test_a_trusted_proxys_https_gets_the_hsts_header(db, hsts):
    assert _get(PROXY, "https")["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize(
    ("remote", "proto"),
    [
        ("203.0.113.9", "https"),  # a client's own header, straight to the server
        (PROXY, "http"),  # the proxy says plain HTTP
        (PROXY, None),  # the proxy says nothing
    ],
)
def test_no_one_else_makes_a_request_secure(db, hsts, remote, proto):
    assert "Strict-Transport-Security" not in _get(remote, proto)


def test_without_trusted_proxies_the_header_is_never_believed(db, settings):
    settings.DUBAN_TRUSTED_PROXIES = []
    settings.SECURE_HSTS_SECONDS = 31536000
    assert "Strict-Transport-Security" not in _get(PROXY, "https")
