"""Rate limits of the API, counted in Django's cache (no other service): per token, and per
client address for requests without a valid token (so guessing tokens is slow too).

Rates come from settings at each request ("300/minute"); a fixed window per key: cheap, and a
client can at most double its rate at a window's edge, which is fine for this purpose.
With the default per-process cache each gunicorn worker counts on its own; set CACHES to a
shared cache (the database cache works) for one count per deployment.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_TOKEN_RATE = "300/minute"
DEFAULT_ADDRESS_RATE = "60/minute"
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited, retry after {retry_after}s")
        self.retry_after = retry_after


def parse_rate(rate: str) -> tuple[int, int]:
    """'300/minute' → (300, 60)."""
    count, _, per = rate.partition("/")
    if per not in _SECONDS or not count.isdigit():
        raise ValueError(f"a rate reads like 300/minute, not {rate!r}")
    return int(count), _SECONDS[per]


def token_rate() -> tuple[int, int]:
    return parse_rate(getattr(settings, "DUBAN_API_TOKEN_RATE", DEFAULT_TOKEN_RATE))


def address_rate() -> tuple[int, int]:
    return parse_rate(getattr(settings, "DUBAN_API_ADDRESS_RATE", DEFAULT_ADDRESS_RATE))


def hit(key: str, rate: tuple[int, int]) -> None:
    """Count one request against key; RateLimited once the window's allowance is used up."""
    allowed, window = rate
    now = time.time()
    start = int(now // window) * window
    cache_key = f"duban-api-rate:{key}:{start}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        used = 1
    if used > allowed:
        raise RateLimited(max(1, math.ceil(start + window - now)))


def client_address(request) -> str:
    """REMOTE_ADDR; behind a proxy, the proxy must set it (gunicorn --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR") or "unknown"
