"""Security headers on every response, and the settings helpers that decide cookie security.

The Content-Security-Policy lets scripts come only from this site's own static files: no inline
script, no on*= attribute, no eval. Styles may be inline (ECharts and HTMX set style attributes);
a style cannot run code. Django's own middleware already sends X-Frame-Options, nosniff,
Referrer-Policy and Cross-Origin-Opener-Policy; this adds what it does not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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


@functools.cache
def _axes_backend():
    from axes.backends import AxesStandaloneBackend

    class LoginThrottle(AxesStandaloneBackend):
        """django-axes, except for logins without a request (the shell, the test client's
        login()): every login over HTTP passes one, so every login over HTTP is throttled."""

        def authenticate(self, request=None, username=None, password=None, **kwargs):
            if request is None:
                return None
            return super().authenticate(request, username, password, **kwargs)

    return LoginThrottle


def __getattr__(name: str):
    # Imported lazily: axes needs the app registry, which settings.py (importing this) precedes.
    if name == "LoginThrottle":
        return _axes_backend()
    raise AttributeError(name)
