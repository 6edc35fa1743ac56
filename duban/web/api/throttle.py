"""Rate limits of the API, through django-ninja's own throttling (ninja.throttling), counted in
Django's cache: per token on every operation, and per client address for requests without a
valid token, so that guessing tokens is slow too.

Three things are ours: the rates come from settings at each request ("300/minute", checked at
start by checks.py); the address is clients.client_address, the rule every limiter uses; and a
request's count is kept apart from other threads'. The per-address limit is applied by TokenAuth
(auth.py), not as an operation's throttle: ninja runs throttles only after authentication has
passed, and a wrong token never passes. The cache is shared by every process (a database table,
or Redis: settings.CACHES), so there is one count per deployment.
"""

from __future__ import annotations

import re
import threading

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from duban.web.clients import client_address

DEFAULT_TOKEN_RATE = "300/minute"
DEFAULT_ADDRESS_RATE = "60/minute"
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"([0-9]+)/(second|minute|hour|day)")


def parse_rate(rate: str) -> tuple[int, int]:
    """'300/minute' → (300, 60)."""
    found = _RATE.fullmatch(rate)
    if found is None:
        raise ValueError(f"a rate reads like 300/minute, not {rate!r}")
    return int(found[1]), _SECONDS[found[2]]


def token_rate() -> tuple[int, int]:
    return parse_rate(getattr(settings, "DUBAN_API_TOKEN_RATE", DEFAULT_TOKEN_RATE))


def address_rate() -> tuple[int, int]:
    return parse_rate(getattr(settings, "DUBAN_API_ADDRESS_RATE", DEFAULT_ADDRESS_RATE))


class _Throttle(SimpleRateThrottle):
    """ninja's sliding window, with the rate read from settings for each request.

    ninja keeps the request being counted (key, history, time) on the throttle object, which
    every request of the process shares; `duban serve` runs four threads per worker, so here
    each thread keeps its own.
    """

    scope = "duban"
    _per_thread = ("key", "history", "now", "num_requests", "duration")

    def __init__(self) -> None:
        object.__setattr__(self, "_local", threading.local())
        self.rate = None

    def __getattr__(self, name: str):
        if name in self._per_thread:
            return getattr(self._local, name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value) -> None:
        if name in self._per_thread:
            setattr(self._local, name, value)
        else:
            object.__setattr__(self, name, value)

    def rate_now(self) -> tuple[int, int]:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.rate_now()
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str:
        return client_address(request) or "unknown"


class TokenThrottle(_Throttle):
    """Requests with a valid token, per token (TokenAuth puts the token on request.auth)."""

    def rate_now(self) -> tuple[int, int]:
        return token_rate()

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        return None if token is None else f"duban-api-rate:token:{token.pk}"


class AddressThrottle(_Throttle):
    """Requests without a valid token, per client address."""

    def rate_now(self) -> tuple[int, int]:
        return address_rate()

    def get_cache_key(self, request: HttpRequest) -> str:
        return f"duban-api-rate:address:{self.get_ident(request)}"
