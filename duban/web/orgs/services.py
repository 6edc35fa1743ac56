"""Writes to an organization's units. Each service owns its transaction and its audit event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from duban.core import units as core_units
from duban.web.audit.models import AuditEvent
from duban.web.audit.services import audit_record
from duban.web.orgs.models import Organization, Unit


@dataclass
class UnitsApplied:
    """What a units file changed: names created, names given new aliases or a kind."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def units_apply(
    organization: Organization, registry: core_units.Registry, *, actor=None
) -> UnitsApplied:
    """Make the organization's units say what a units file says: each unit with its kind and
    aliases (aliases are added, never dropped), each group with its members or kinds.
    Units the file does not name are left as they are."""
    out = UnitsApplied()
    with transaction.atomic():
        rows = {u.name: u for u in organization.units.select_for_update()}
        if registry.level and organization.level != registry.level:
            organization.level = registry.level
            organization.save(update_fields=["level"])
        for u in registry.units:
            row = rows.get(u.canonical)
            if row is None:
                rows[u.canonical] = Unit.objects.create(
                    organization=organization,
                    name=u.canonical,
                    kind=u.kind,
                    aliases=list(u.aliases),
                    member_kinds=list(u.member_kinds),
                )
                out.created.append(u.canonical)
                continue
            aliases = list(dict.fromkeys([*row.aliases, *u.aliases]))
            if (row.kind, row.aliases, row.member_kinds) != (u.kind, aliases, list(u.member_kinds)):
                row.kind, row.aliases = u.kind, aliases
                row.member_kinds = list(u.member_kinds)
                row.save(update_fields=["kind", "aliases", "member_kinds"])
                out.updated.append(u.canonical)
        for g in registry.units:
            if g.kind == "group":
                group_link_defaults(rows[g.canonical], rows, named=g.members)
        if out.changed:
            audit_record(
                "units_apply",
                organization,
                actor=actor,
                after={"created": out.created, "updated": out.updated},
            )
    return out


def group_link_defaults(group: Unit, rows: dict[str, Unit], *, named: tuple[str, ...] = ()) -> int:
    """Link a group to the members it stands for by default: the units it names, and for a
    towns/streets group (kinds) every unit of the organization of those kinds. Links are only
    added: a member the office picked stays; a group whose members the office picked when
    opening a round (rounds/opening.py) is left as it picked. Returns how many links were added."""
    picked = AuditEvent.objects.filter(
        action="group_members_pick", object_type="orgs.unit", object_id=str(group.pk)
    )
    if picked.exists():
        return 0
    words = core_units.Registry([_as_core(group, named)]).group(group.name)
    wanted = [rows[n] for n in named if n in rows]
    if words is not None and not words.open_ended:
        wanted += [u for u in rows.values() if u.kind in words.kinds]
    through = Unit.members.through
    have = set(through.objects.filter(from_unit=group).values_list("to_unit_id", flat=True))
    new = [
        through(from_unit_id=group.pk, to_unit_id=m.pk)
        for m in dict.fromkeys(wanted)
        if m.pk not in have and m.pk != group.pk and m.kind != Unit.Kind.GROUP
    ]
    through.objects.bulk_create(new)
    return len(new)


def _as_core(group: Unit, named: tuple[str, ...]) -> core_units.Unit:
    return core_units.Unit(
        group.name, "group", tuple(group.aliases), named, tuple(group.member_kinds)
    )


def unit_aliases_add(
    organization: Organization, pairs: Iterable[tuple[str, str]], *, actor=None
) -> list[str]:
    """Give units of the organization more spellings: (unit's name, alias) pairs the office
    decided; later imports read the alias as that unit. Audited per unit. Returns the units
    changed."""
    wanted: dict[str, list[str]] = {}
    for name, alias in pairs:
        wanted.setdefault(name, []).append(alias)
    changed = []
    with transaction.atomic():
        for row in organization.units.select_for_update().filter(name__in=list(wanted)):
            aliases = list(dict.fromkeys([*row.aliases, *wanted[row.name]]))
            if aliases == row.aliases:
                continue
            before = list(row.aliases)
            row.aliases = aliases
            row.save(update_fields=["aliases"])
            audit_record(
                "unit_alias",
                row,
                actor=actor,
                before={"aliases": before},
                after={"aliases": aliases},
            )
            changed.append(row.name)
    return changed
