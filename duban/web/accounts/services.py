"""Creating accounts: the demo's office, leader and one reporter per unit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from duban.web.accounts.models import Membership
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
