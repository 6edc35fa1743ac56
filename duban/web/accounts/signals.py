"""Log-ins and log-outs are audit events; a log-in with a password that must change says so
to the session (accounts/middleware.py)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils import timezone

from duban.web.accounts.middleware import SESSION_KEY
from duban.web.accounts.models import Membership
from duban.web.accounts.passwords import password_expired
from duban.web.audit.services import audit_record

SSO_BACKEND = "duban.web.accounts.sso.IdentityBackend"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit_record("login", user, actor=user)
    if request is None or getattr(user, "backend", "") == SSO_BACKEND:
        return  # a single sign-on uses no password of ours
    membership = Membership.objects.filter(user=user).first()
    if membership is None:
        return
    changed = membership.password_changed_at or user.date_joined
    if membership.must_change_password or password_expired(changed, timezone.now()):
        request.session[SESSION_KEY] = True


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record("logout", user, actor=user)
