"""Password log-in: Django's, except that with DUBAN_LOCAL_LOGIN=office only the office and
superusers may use it (everyone else signs in through 统一身份认证, accounts/sso.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from duban.web.accounts.models import Membership


class LocalPasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or settings.DUBAN_LOCAL_LOGIN == "all" or user.is_superuser:
            return user
        if Membership.objects.filter(user=user, role=Membership.Role.OFFICE).exists():
            return user
        return None
