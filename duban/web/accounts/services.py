"""Accounts: the demo's office, leader and one reporter per unit; reporters the office creates,
their one-time passwords, password resets and stopped accounts. Each writes its audit event."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from duban.web.accounts.models import Membership
from duban.web.accounts.passwords import ONE_TIME_HASHER, one_time_password
from duban.web.audit.services import audit_record
from duban.web.orgs.models import Organization, Unit


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str
    unit: str | None

    def line(self) -> str:
        """`role username password unit-or-dash`, the format of var/demo-accounts.txt."""
        return f"{self.role} {self.username} {self.password} {self.unit or '-'}"


DEMO_HASHER = "duban_demo_pbkdf2"  # see accounts/hashers.py


def _password() -> str:
    # Short enough to type from a printed sheet, long enough not to guess.
    return secrets.token_urlsafe(9)


def membership_grant(
    *,
    username: str,
    password: str,
    organization: Organization,
    role: str,
    unit: Unit | None = None,
    full_name: str = "",
    staff: bool = False,
    hasher: str = "default",
) -> Membership:
    """Create or reset a user and give it one role in one organization."""
    users = get_user_model()
    with transaction.atomic():
        user, _ = users.objects.get_or_create(username=username)
        user.password = make_password(password, hasher=hasher)
        user.first_name = full_name[:150]
        user.is_staff = staff
        user.save()
        if staff:
            user.user_permissions.set(_office_permissions())
        membership, _ = Membership.objects.update_or_create(
            user=user, defaults={"organization": organization, "role": role, "unit": unit}
        )
        audit_record(
            "membership_grant",
            membership,
            actor=None,
            after={"user": username, "role": role, "unit": unit.name if unit else None},
        )
    return membership


def _office_permissions():
    from django.contrib.auth.models import Permission

    # The office corrects plans and units in the admin; audit rows are read-only to everyone.
    return Permission.objects.filter(content_type__app_label__in=["plans", "orgs"]).exclude(
        codename__startswith="delete_"
    ) | Permission.objects.filter(content_type__app_label="audit", codename__startswith="view_")


def demo_accounts_create(organization: Organization) -> list[DemoAccount]:
    """The office (督查室, also admin staff), one leader, one reporter per unit; passwords renewed.

    Usernames are stable (unit ids), so running the demo twice gives the same names.
    """
    accounts = [
        DemoAccount("office", "office", _password(), None),
        DemoAccount("leader", "leader", _password(), None),
    ]
    membership_grant(
        username="office",
        password=accounts[0].password,
        organization=organization,
        role=Membership.Role.OFFICE,
        full_name=f"{organization.name}督查室",
        staff=True,
        hasher=DEMO_HASHER,
    )
    membership_grant(
        username="leader",
        password=accounts[1].password,
        organization=organization,
        role=Membership.Role.LEADER,
        full_name=f"{organization.name}领导",
        hasher=DEMO_HASHER,
    )
    units = organization.units.exclude(kind=Unit.Kind.GROUP).order_by("pk")
    for unit in units:
        account = DemoAccount("unit", f"unit{unit.pk:03d}", _password(), unit.name)
        membership_grant(
            username=account.username,
            password=account.password,
            organization=organization,
            role=Membership.Role.UNIT,
            unit=unit,
            full_name=unit.name,
            hasher=DEMO_HASHER,
        )
        accounts.append(account)
    return accounts


class AccountError(Exception):
    """An account change that cannot be made; the message is one Chinese sentence."""


@dataclass(frozen=True)
class Issued:
    """An account with the one-time password to hand its owner: shown once, never stored."""

    membership: Membership
    password: str


def reporter_create(
    *, organization: Organization, unit: Unit, name: str, phone: str, email: str, actor
) -> Issued:
    """A unit reporter (联络员) who logs in with the phone number and a one-time password,
    changed at the first log-in. The caller has checked the row (core/roster.py)."""
    password = one_time_password()
    with transaction.atomic():
        user = get_user_model().objects.create(
            username=phone,
            first_name=name[:150],
            email=email,
            password=make_password(password, hasher=ONE_TIME_HASHER),
        )
        membership = Membership.objects.create(
            user=user,
            organization=organization,
            role=Membership.Role.UNIT,
            unit=unit,
            phone=phone,
            must_change_password=True,
        )
        audit_record(
            "reporter_create",
            membership,
            actor=actor,
            after={"user": phone, "name": name, "unit": unit.name, "email": email},
        )
    return Issued(membership, password)


def password_reset(membership: Membership, *, actor) -> Issued:
    """A new one-time password, changed at the next log-in; the old one and every session of
    the account stop working (Django ties sessions to the password)."""
    password = one_time_password()
    with transaction.atomic():
        user = membership.user
        if not user.is_active:
            raise AccountError(f"“{display(user)}”的账号已停用，不能重置密码。")
        user.password = make_password(password, hasher=ONE_TIME_HASHER)
        user.save(update_fields=["password"])
        membership.must_change_password = True
        membership.save(update_fields=["must_change_password"])
        audit_record("password_reset", membership, actor=actor, after={"user": user.username})
    _unlock(user.username)
    return Issued(membership, password)


def password_changed(user) -> None:
    """The user set a password of their own: no change is due any more."""
    with transaction.atomic():
        updated = Membership.objects.filter(user=user).update(
            must_change_password=False, password_changed_at=timezone.now()
        )
        if updated:
            audit_record("password_change", user.membership, actor=user)


def account_stop(membership: Membership, *, actor, reason: str) -> None:
    """Deactivate an account, keeping it (and everything written under its name): it can no
    longer log in, its sessions end (the password is made unusable) and its API tokens fail."""
    user = membership.user
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    audit_record(
        "account_stop", membership, actor=actor, after={"user": user.username, "reason": reason}
    )


def display(user) -> str:
    return user.get_full_name() or user.get_username()


def _unlock(username: str) -> None:
    # A reporter locked out by wrong guesses gets in with the new password at once.
    from axes.utils import reset

    reset(username=username)
