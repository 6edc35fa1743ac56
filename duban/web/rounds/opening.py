"""Opening a round: who each group of the plan asks, and how many report slots each unit gets.

The office sees this before anything is created (round_new's preview); the members it picks for
a group are kept on the group (Unit.members) and asked again in the next round.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from duban.web.audit.services import audit_record
from duban.web.orgs.models import Unit
from duban.web.plans.models import Plan
from duban.web.workflow.closing import open_tasks

Picks = Mapping[int, Sequence[int]]  # group's pk → the pks of the units it asks


@dataclass(frozen=True)
class GroupChoice:
    """A group the plan names: the units it could ask and those it would ask."""

    group: Unit
    tasks: int  # how many tasks of the plan name it
    candidates: tuple[Unit, ...]  # the organization's units, the group's usual kinds first
    chosen: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not self.chosen


@dataclass(frozen=True)
class OpeningPlan:
    """What opening a round would create: slots per unit, and each group's choice."""

    groups: tuple[GroupChoice, ...]
    slots_per_unit: tuple[tuple[Unit, int], ...]  # most slots first

    @property
    def slots(self) -> int:
        return sum(n for _, n in self.slots_per_unit)

    @property
    def groups_without_members(self) -> tuple[str, ...]:
        return tuple(g.group.name for g in self.groups if g.is_empty)


def _kinds_of(group: Unit) -> tuple[str, ...]:
    from duban.core.units import GENERAL

    words = GENERAL.group(group.name)
    return tuple(group.member_kinds) or (words.kinds if words else ())


def opening_plan(plan: Plan, picks: Picks | None = None) -> OpeningPlan:
    """The slots a round of this plan would have: one per (task, responsible unit), a group
    standing for its members — as stored, or as `picks` says for the groups it names. Reads
    only (four queries)."""
    picks = picks or {}
    units = list(
        Unit.objects.filter(organization_id=plan.organization_id).prefetch_related("members")
    )
    by_pk = {u.pk: u for u in units}
    pairs = list(open_tasks(plan).values_list("pk", "responsibilities__unit_id").order_by("seq"))
    chosen: dict[int, frozenset[int]] = {}
    naming = Counter[int]()
    for _, unit_id in pairs:
        unit = by_pk.get(unit_id) if unit_id else None
        if unit is None or unit.kind != Unit.Kind.GROUP:
            continue
        naming[unit.pk] += 1
        if unit.pk not in chosen:
            stored = [m.pk for m in unit.members.all()]
            wanted = picks.get(unit.pk, stored)
            chosen[unit.pk] = frozenset(
                pk for pk in wanted if pk in by_pk and by_pk[pk].kind != Unit.Kind.GROUP
            )
    slots: dict[tuple[int, int], None] = {}
    for task_id, unit_id in pairs:
        if not unit_id:
            continue
        for member in chosen.get(unit_id, (unit_id,)):
            slots.setdefault((task_id, member), None)
    per_unit = Counter(u for _, u in slots)
    plain = [u for u in units if u.kind != Unit.Kind.GROUP]
    groups = []
    for pk in chosen:
        kinds = _kinds_of(by_pk[pk])
        ordered = sorted(plain, key=lambda u: (u.kind not in kinds, u.kind, u.name))
        groups.append(GroupChoice(by_pk[pk], naming[pk], tuple(ordered), chosen[pk]))
    return OpeningPlan(
        groups=tuple(groups),
        slots_per_unit=tuple(
            (by_pk[pk], n)
            for pk, n in sorted(per_unit.items(), key=lambda p: (-p[1], by_pk[p[0]].name))
        ),
    )


def group_members_pick(plan: Plan, picks: Picks, *, actor=None) -> list[str]:
    """Keep the office's pick of members for the plan's groups (remembered for the next round);
    audited per group changed. Units of another organization are ignored. Returns the groups
    whose members changed."""
    changed = []
    with transaction.atomic():
        own = Unit.objects.filter(organization_id=plan.organization_id)
        groups = own.filter(kind=Unit.Kind.GROUP, pk__in=list(picks)).prefetch_related("members")
        for group in groups:
            before = sorted(m.name for m in group.members.all())
            members = list(own.exclude(kind=Unit.Kind.GROUP).filter(pk__in=list(picks[group.pk])))
            after = sorted(m.name for m in members)
            if before == after:
                continue
            group.members.set(members)
            audit_record(
                "group_members_pick",
                group,
                actor=actor,
                before={"members": before},
                after={"members": after},
            )
            changed.append(group.name)
    return changed
