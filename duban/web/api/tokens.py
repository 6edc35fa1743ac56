"""Personal API tokens: create (the secret is returned once), revoke, authenticate.

A token is `dbn_` + 32 random bytes (url-safe); the database keeps its sha256 only, so a leaked
database does not leak usable tokens. Create and revoke own their transaction and audit event.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from duban.web.access import actor_of
from duban.web.api.models import ApiToken
from duban.web.audit.services import audit_record

PREFIX = "dbn_"
SHOWN_CHARS = 10  # of the secret, kept to tell tokens apart
MAX_ACTIVE = 10  # per user; a forgotten loop cannot mint tokens without end
# last_used_at is written at most this often, so reads do not turn into a write each.
TOUCH_EVERY = timedelta(minutes=5)


class TokenError(Exception):
    """A token action refused, with the reason in Chinese for the page."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(user, *, name: str) -> tuple[ApiToken, str]:
    """A new token for the user and its secret, which is never stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise TokenError("请写明令牌的用途")
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, revoked_at=None).count() >= MAX_ACTIVE:
            raise TokenError(f"每人最多 {MAX_ACTIVE} 个有效令牌，请先吊销不用的令牌")
        token = ApiToken.objects.create(
            user=user, name=name[:60], prefix=secret[:SHOWN_CHARS], digest=digest(secret)
        )
        audit_record(
            "api_token_create",
            token,
            actor=user,
            after={"name": token.name, "prefix": token.prefix},
            organization_id=_organization_id(user),
        )
    return token, secret


def token_revoke(token: ApiToken, *, actor) -> ApiToken:
    """Revoke a token (kept as a row, never deleted); revoking twice changes nothing."""
    with transaction.atomic():
        current = ApiToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
            audit_record(
                "api_token_revoke",
                current,
                actor=actor,
                after={"name": current.name, "prefix": current.prefix},
                organization_id=_organization_id(current.user),
            )
    return current


def token_authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret, its user loaded; None for anything else."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(secret), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def _organization_id(user) -> int | None:
    return actor_of(user).organization_id
