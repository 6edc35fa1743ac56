"""Reading an organization's people for the office: who reports for each unit, who does not."""

from __future__ import annotations

from dataclasses import dataclass

from duban.web.accounts.models import Membership
from duban.web.orgs.models import Organization, Unit


@dataclass(frozen=True)
class UnitPeople:
    unit: Unit
    active: tuple[Membership, ...]
    stopped: tuple[Membership, ...]

    @property
    def stopped_names(self) -> str:
        return names(self.stopped)


@dataclass(frozen=True)
class People:
    staff: tuple[Membership, ...]  # the office and leaders
    units: tuple[UnitPeople, ...]

    @property
    def without_reporter(self) -> int:
        return sum(not u.active for u in self.units)


def organization_people(organization: Organization) -> People:
    """Every member, and every unit (groups aside) with its active and stopped reporters."""
    members = list(
        Membership.objects.filter(organization=organization)
        .select_related("user", "unit")
        .order_by("role", "user__username")
    )
    by_unit: dict[int, list[Membership]] = {}
    for m in members:
        if m.unit_id is not None:
            by_unit.setdefault(m.unit_id, []).append(m)
    units = organization.units.exclude(kind=Unit.Kind.GROUP).order_by("kind", "name")
    return People(
        staff=tuple(m for m in members if m.unit_id is None),
        units=tuple(
            UnitPeople(
                unit,
                tuple(m for m in by_unit.get(unit.pk, []) if m.user.is_active),
                tuple(m for m in by_unit.get(unit.pk, []) if not m.user.is_active),
            )
            for unit in units
        ),
    )


def names(members) -> str:
    """张三、李四: people as a Chinese list."""
    return "、".join(m.user.get_full_name() or m.user.get_username() for m in members)


def unit_reporters(unit: Unit) -> list[Membership]:
    """The unit's active reporters (those a hand-over stops)."""
    return list(
        Membership.objects.filter(unit=unit, role=Membership.Role.UNIT, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )
