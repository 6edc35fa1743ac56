"""Reads of an organization's units: its unit registry, as the core takes it."""

from __future__ import annotations

from duban.core import units as core_units
from duban.web.orgs.models import Organization, Unit


def unit_to_core(row: Unit, members: tuple[str, ...] = ()) -> core_units.Unit:
    """One Unit row as the core's Unit (a group with the members the office decided)."""
    if row.kind != Unit.Kind.GROUP:
        return core_units.Unit(row.name, row.kind, tuple(row.aliases))  # type: ignore[arg-type]
    return core_units.Unit(
        row.name,
        "group",
        tuple(row.aliases),
        members,
        tuple(row.member_kinds),
    )


def org_registry(organization: Organization) -> core_units.Registry:
    """The organization's units, aliases and group members as a registry (two queries)."""
    rows = list(organization.units.prefetch_related("members"))
    return core_units.Registry(
        (unit_to_core(u, tuple(m.name for m in u.members.all())) for u in rows),
        level=organization.core_level,
    )
