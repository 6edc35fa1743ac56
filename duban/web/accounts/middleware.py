"""A user whose password the office reset (or whose password is older than the policy allows)
changes it before anything else: every page but the change page and log-out sends them there.

The flag is set in the session at log-in (accounts/signals.py), so a request costs no query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "duban_password_change"


class PasswordChangeRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.session.get(SESSION_KEY) and not self._allowed(request.path):
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        open_paths = (reverse("password_change"), reverse("logout"), reverse("login"))
        return path in open_paths or path.startswith("/" + settings.STATIC_URL.lstrip("/"))
