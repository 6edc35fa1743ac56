"""Reporters at scale: a roster spreadsheet checked against the organization's units and the
accounts that exist, then created in one transaction; a unit handed over to a new reporter.

The rules for a row live in duban/core/roster.py; this module gives them the organization's data
and writes. Nothing is created while a row has a problem, unless the office chose to skip the
rows that have one; a row whose person already has the account is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from duban.core.roster import Account, RosterRow, RowCheck, phone_normalised, roster_check
from duban.web.accounts.models import Membership
from duban.web.accounts.services import (
    AccountError,
    Issued,
    account_stop,
    display,
    reporter_create,
)
from duban.web.audit.services import audit_record
from duban.web.orgs.models import Organization, Unit

_KEY_TABLE = str.maketrans({"(": "（", ")": "）", " ": None, "\t": None, "\u3000": None})


class RosterNotReady(Exception):
    """Some rows have problems and the office did not choose to skip them."""

    def __init__(self, checks: tuple[RowCheck, ...], message: str) -> None:
        super().__init__(message)
        self.checks = checks
        self.message = message


@dataclass(frozen=True)
class RosterOutcome:
    created: tuple[Issued, ...]
    existing: int  # rows whose person already had the account
    skipped: int  # rows with problems the office chose to skip


@dataclass(frozen=True)
class HandOver:
    issued: Issued
    stopped: tuple[str, ...]  # the names of the accounts stopped


def _key(name: str) -> str:
    # Spellings of one unit differ in bracket width and stray spaces.
    return name.translate(_KEY_TABLE)


class UnitResolver:
    """A unit as a roster writes it → the organization's unit: by name or alias."""

    def __init__(self, organization: Organization) -> None:
        self.units = {u.name: u for u in organization.units.all()}
        self._by_key: dict[str, str] = {}
        for unit in self.units.values():
            for spelling in (unit.name, *unit.aliases):
                self._by_key.setdefault(_key(spelling), unit.name)

    def __call__(self, written: str) -> str | None:
        return self._by_key.get(_key(written))

    @property
    def groups(self) -> list[str]:
        return [n for n, u in self.units.items() if u.kind == Unit.Kind.GROUP]


def _accounts(phones: Iterable[str]) -> dict[str, Account]:
    """phone → the account holding it: a reporter's number, or a user named by it."""
    phones = {p for p in phones if p}
    found = {
        m.phone: Account(display(m.user), m.unit.name if m.unit else None, m.user.is_active)
        for m in Membership.objects.filter(phone__in=phones).select_related("user", "unit")
    }
    for user in get_user_model().objects.filter(username__in=phones - set(found)):
        unit = getattr(getattr(user, "membership", None), "unit", None)
        found[user.username] = Account(display(user), unit.name if unit else None, user.is_active)
    return found


def roster_checks(organization: Organization, rows: Sequence[RosterRow]) -> tuple[RowCheck, ...]:
    resolver = UnitResolver(organization)
    return roster_check(
        rows,
        resolve=resolver,
        unit_names=resolver.units,
        groups=resolver.groups,
        accounts=_accounts(phone_normalised(r.phone) for r in rows),
    )


def rows_to_session(rows: Sequence[RosterRow]) -> list[dict]:
    return [asdict(r) for r in rows]


def rows_from_session(data: Iterable[dict]) -> tuple[RosterRow, ...]:
    return tuple(RosterRow(**row) for row in data)


def roster_import(
    organization: Organization, rows: Sequence[RosterRow], *, actor, skip_problems: bool
) -> RosterOutcome:
    """Create the reporters of the rows, all or none; checked again here, against the data of
    this moment (an account may have been made since the preview)."""
    try:
        with transaction.atomic():
            checks = roster_checks(organization, rows)
            bad = [c for c in checks if not c.ok]
            if bad and not skip_problems:
                raise RosterNotReady(checks, f"有 {len(bad)} 行有误，没有创建任何账号。")
            units = UnitResolver(organization).units
            created = tuple(
                reporter_create(
                    organization=organization,
                    unit=units[c.unit],
                    name=c.row.name,
                    phone=c.phone,
                    email=c.row.email,
                    actor=actor,
                )
                for c in checks
                if c.ok and not c.exists and c.unit is not None
            )
            if created:
                audit_record(
                    "roster_import",
                    organization,
                    actor=actor,
                    after={"created": len(created), "skipped": len(bad)},
                )
    except IntegrityError as exc:  # a number taken between the check and the write
        raise RosterNotReady(
            roster_checks(organization, rows), "有手机号刚被其他账号使用，没有创建任何账号。"
        ) from exc
    return RosterOutcome(created, sum(c.exists for c in checks), len(bad))


def unit_hand_over(unit: Unit, *, name: str, phone: str, email: str, actor) -> HandOver:
    """The unit's reporting passes to a new reporter: the unit's active reporters are stopped
    (their reports and versions stay under their names), the new one gets a one-time password."""
    row = RosterRow(0, unit.name, name.strip(), phone.strip(), email.strip())
    with transaction.atomic():
        (check,) = roster_checks(unit.organization, [row])
        if check.exists:
            raise AccountError(f"手机号 {check.phone} 已是本单位联络员的账号，无需交接。")
        if not check.ok:
            raise AccountError("；".join(check.problems) + "。")
        leaving = list(
            Membership.objects.select_for_update()
            .filter(unit=unit, role=Membership.Role.UNIT, user__is_active=True)
            .select_related("user")
        )
        for membership in leaving:
            account_stop(membership, actor=actor, reason=f"{unit.name}联络员交接")
        issued = reporter_create(
            organization=unit.organization,
            unit=unit,
            name=row.name,
            phone=check.phone,
            email=row.email,
            actor=actor,
        )
        stopped = tuple(display(m.user) for m in leaving)
        audit_record(
            "unit_hand_over",
            unit,
            actor=actor,
            before={"reporters": list(stopped)},
            after={"reporter": row.name, "user": check.phone},
        )
    return HandOver(issued, stopped)


def roster_template_rows(organization: Organization) -> list[list[str]]:
    """The import template: the header and one row per unit that has no active reporter."""
    staffed = set(
        Membership.objects.filter(
            organization=organization, role=Membership.Role.UNIT, user__is_active=True
        ).values_list("unit_id", flat=True)
    )
    units = organization.units.exclude(kind=Unit.Kind.GROUP).order_by("kind", "name")
    return [["单位", "姓名", "手机号", "电子邮箱"]] + [
        [u.name, "", "", ""] for u in units if u.pk not in staffed
    ]


def roster_read(path: Path):
    """The roster file read in an isolated worker (importers/safety.py), as the upload does."""
    from duban.core.importers.safety import read_isolated
    from duban.core.roster import read_roster

    return read_isolated(read_roster, path, memory_mb=512, seconds=30.0)
