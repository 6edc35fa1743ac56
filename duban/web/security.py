"""Security headers on every response, the settings helpers that decide cookie security, and the
log-in throttle: django-axes locks one name from one client address after five wrong passwords;
failures for one name from all addresses together slow that name down (never lock it).

The Content-Security-Policy lets scripts come only from this site's own static files: no inline
script, no on*= attribute, no eval. Styles may be inline (ECharts and HTMX set style attributes);
a style cannot run code. Django's own middleware already sends X-Frame-Options, nosniff,
Referrer-Policy and Cross-Origin-Opener-Policy; this adds what it does not.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}


def serves_loopback_only(allowed_hosts: list[str]) -> bool:
    """True when the site answers only on this machine: the demo, which runs over plain HTTP.

    Anywhere else the cookies must be Secure, or a session could travel unencrypted.
    """
    return all(h in LOOPBACK_HOSTS for h in allowed_hosts)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages with someone's data are not kept by shared caches or the back button.
            response.setdefault("Cache-Control", "private, no-store")
        return response


# Failures for one name, from all addresses within the lock-out's cool-off, before its log-ins
# slow down; then each try waits 1, 2, 4 … seconds after the last failure, at most
# ACCOUNT_MAX_WAIT. Someone guessing from many addresses gets one guess per 30 s for that name;
# its owner, with the right password, waits at most 30 s, and is never locked out by others.
ACCOUNT_FREE_FAILURES = 10
ACCOUNT_MAX_WAIT = 30


def account_wait(username: str | None) -> int:
    """Seconds before the next log-in for this name may be tried (0: now)."""
    from axes.models import AccessAttempt

    if not username:
        return 0
    now = timezone.now()
    since = now - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    seen = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    failures = seen["failures"] or 0
    if failures < ACCOUNT_FREE_FAILURES:
        return 0
    delay = min(ACCOUNT_MAX_WAIT, 2 ** (failures - ACCOUNT_FREE_FAILURES))
    return max(0, math.ceil((seen["last"] + dt.timedelta(seconds=delay) - now).total_seconds()))


def login_refused(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The answer to a log-in axes refused (AXES_LOCKOUT_CALLABLE): 429, how long to wait."""
    wait = getattr(request, "duban_login_wait", None)
    seconds = wait or int(dt.timedelta(hours=settings.AXES_COOLOFF_TIME).total_seconds())
    response = render(request, "registration/locked_out.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@functools.cache
def _axes_backend():
    from axes.backends import AxesStandaloneBackend

    class LoginThrottle(AxesStandaloneBackend):
        """django-axes, except for logins without a request (the shell, the test client's
        login()): every login over HTTP passes one, so every login over HTTP is throttled.
        A name under attack from many addresses is slowed down first (account_wait)."""

        def authenticate(self, request=None, username=None, password=None, **kwargs):
            if request is None:
                return None
            wait = account_wait(username)
            if wait:
                # Refused unread, and not counted as a failure: axes answers it as a lock-out.
                request.duban_login_wait = wait
                request.axes_locked_out = True
                raise PermissionDenied
            return super().authenticate(request, username, password, **kwargs)

    return LoginThrottle


def __getattr__(name: str):
    # Imported lazily: axes needs the app registry, which settings.py (importing this) precedes.
    if name == "LoginThrottle":
        return _axes_backend()
    raise AttributeError(name)
