"""Single sign-on with the government's 统一身份认证 over OpenID Connect (mozilla-django-oidc).

An identity reaches only an account the office made (by the roster or a hand-over): the one it
was linked to at an earlier sign-on (its `sub`), or else the one active account whose phone
number — or, failing that, e-mail — the provider vouches for; that first match links the two.
Nothing is created from an identity, and a stopped account (a unit handed over) stays out.
Local log-in stays on the same page (DUBAN_LOCAL_LOGIN decides for whom).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET
from jwt import PyJWTError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)
from requests import RequestException

from duban.core.roster import is_phone, phone_normalised
from duban.web.accounts.models import Membership
from duban.web.audit.services import audit_record

log = logging.getLogger(__name__)
_UNFINISHED = "统一身份认证没有完成，请重试，或用账号和密码登录。"


class SignOnRefused(Exception):
    """The identity is genuine but reaches no account of ours; one sentence for the login page."""


def _masked(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else phone


def identity_account(claims: dict):
    """The user an identity signs in as, linking it at its first sign-on; or SignOnRefused."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignOnRefused(_UNFINISHED)
    with transaction.atomic():
        linked = Membership.objects.filter(sso_subject=subject).select_related("user").first()
        if linked is not None:
            if not linked.user.is_active:
                raise SignOnRefused("您的督办账号已停用（可能已交接给他人），请联系督查室。")
            return linked.user
        membership, described = _match(claims)
        if membership.sso_subject:
            raise SignOnRefused(
                f"{described}对应的督办账号已绑定另一个统一身份认证身份，请联系督查室。"
            )
        membership.sso_subject = subject
        membership.save(update_fields=["sso_subject"])
        audit_record(
            "sso_link", membership, actor=membership.user, after={"user": membership.user.username}
        )
    return membership.user


def _match(claims: dict) -> tuple[Membership, str]:
    active = Membership.objects.filter(user__is_active=True).select_related("user")
    phone = phone_normalised(str(claims.get(settings.DUBAN_SSO_PHONE_CLAIM) or ""))
    email = str(claims.get("email") or "").strip()
    tries = []
    if is_phone(phone):
        tries.append((active.filter(phone=phone), f"手机号 {_masked(phone)} "))
    if email and claims.get("email_verified", True) is not False:
        tries.append((active.filter(user__email__iexact=email), f"邮箱 {email} "))
    for found, described in tries:
        matches = list(found[:2])
        if len(matches) == 1:
            return matches[0], described
    described = tries[0][1] if tries else ""
    raise SignOnRefused(
        f"统一身份认证账号{described}没有对应的督办账号，请联系督查室开通（联络员名单导入或交接）。"
    )


class IdentityBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow (signature, nonce, PKCE), mapped by identity_account."""

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        info = self.get_userinfo(access_token, id_token, payload)
        if str(info.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo is about another subject than the ID token")
        try:
            return identity_account({**payload, **info})
        except SignOnRefused as exc:
            self.request.duban_sso_refusal = str(exc)
            return None

    def get_user(self, user_id):
        user = get_user_model().objects.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None


def landing_url(user) -> str:
    """Where a sign-on lands without a `next`: a unit reporter on its tasks, others home."""
    membership = Membership.objects.filter(user=user).first()
    if membership is not None and membership.role == Membership.Role.UNIT:
        return reverse("my_tasks")
    return reverse("home")


class _Start(OIDCAuthenticationRequestView):
    pass


class _Callback(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except (RequestException, SuspiciousOperation, PyJWTError, ValueError, KeyError) as exc:
            log.warning("single sign-on failed: %s", exc)
            return self.login_failure()

    @property
    def success_url(self) -> str:
        return self.request.session.get("oidc_login_next") or landing_url(self.user)

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, getattr(self.request, "duban_sso_refusal", _UNFINISHED))
        return redirect("login")


def _enabled() -> None:
    if not settings.DUBAN_SSO:
        raise Http404("single sign-on is not configured")


@require_GET
def sso_start(request: HttpRequest) -> HttpResponseRedirect:
    _enabled()
    return _Start.as_view()(request)


@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    _enabled()
    return _Callback.as_view()(request)
