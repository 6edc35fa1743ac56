"""The office's decisions on its units after an import: rename, give aliases, merge two into one,
and the organization's own settings. Each service owns its transaction and its audit event;
later imports read the decisions through the organization's registry (selectors.org_registry).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max

from duban.core import units as core_units
from duban.web.audit.services import audit_record
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Report, ReportVersion, Responsibility

ALIAS_SEPARATORS = "、,，;；\n"


class UnitError(Exception):
    """A unit decision refused, with the reason in Chinese for the page."""


def _check_name(organization: Organization, name: str, *, but: Unit | None = None) -> str:
    name = name.strip()
    problem = core_units.plain_name_problem(name)
    if problem:
        raise UnitError(problem)
    others = organization.units.exclude(pk=but.pk) if but else organization.units.all()
    for row in others:
        spellings = {core_units.key(n) for n in (row.name, *row.aliases)}
        if core_units.key(name) in spellings:
            raise UnitError(f"“{name}”已是单位“{row.name}”的名称或别名；如是同一单位，请合并")
    return name


def split_aliases(text: str) -> list[str]:
    for sep in ALIAS_SEPARATORS:
        text = text.replace(sep, "\n")
    return list(dict.fromkeys(a.strip() for a in text.split("\n") if a.strip()))


def unit_rename(unit: Unit, new_name: str, *, actor=None) -> Unit:
    """Rename a unit; the old name stays one of its aliases, so documents that write it still
    reach the unit."""
    with transaction.atomic():
        name = _check_name(unit.organization, new_name, but=unit)
        if name == unit.name:
            return unit
        before = {"name": unit.name, "aliases": list(unit.aliases)}
        unit.aliases = list(dict.fromkeys([*unit.aliases, unit.name]))
        unit.aliases = [a for a in unit.aliases if a != name]
        unit.name = name
        unit.save(update_fields=["name", "aliases"])
        audit_record(
            "unit_rename",
            unit,
            actor=actor,
            before=before,
            after={"name": unit.name, "aliases": unit.aliases},
        )
    return unit


def unit_aliases_set(unit: Unit, aliases: list[str], *, actor=None) -> Unit:
    """The unit's other spellings, as the office lists them; one already another unit's is
    refused, naming that unit."""
    with transaction.atomic():
        checked = [_check_name(unit.organization, a, but=unit) for a in aliases]
        checked = [a for a in dict.fromkeys(checked) if a != unit.name]
        if checked == unit.aliases:
            return unit
        before = {"aliases": list(unit.aliases)}
        unit.aliases = checked
        unit.save(update_fields=["aliases"])
        audit_record("unit_aliases", unit, actor=actor, before=before, after={"aliases": checked})
    return unit


@dataclass(frozen=True)
class MergePair:
    """Both units reported on one task in one period: the newer text becomes the report, the
    older one of its versions. Shown to the office before and after the merge."""

    period: str
    task_seq: int
    newer_unit: str
    newer_text: str
    older_unit: str
    older_text: str


def _pairs(source: Unit, target: Unit) -> list[tuple[Report, Report]]:
    theirs = {
        (r.period_id, r.task_id): r
        for r in Report.objects.filter(unit=target).select_related("period", "task")
    }
    out = []
    for r in Report.objects.filter(unit=source).select_related("period", "task"):
        other = theirs.get((r.period_id, r.task_id))
        if other is not None:
            out.append((r, other))
    return out


def _newer_first(a: Report, b: Report) -> tuple[Report, Report]:
    """The report written later first (a text beats an empty slot)."""
    ka = (bool(a.text.strip()), a.submitted_at or a.updated_at)
    kb = (bool(b.text.strip()), b.submitted_at or b.updated_at)
    return (a, b) if ka >= kb else (b, a)


def merge_pairs(source: Unit, target: Unit) -> list[MergePair]:
    """What merging `source` into `target` would pair up, before anything is written."""
    out = []
    for mine, theirs in _pairs(source, target):
        if not mine.text.strip() and not theirs.text.strip():
            continue
        newer, older = _newer_first(mine, theirs)
        names = {mine.pk: source.name, theirs.pk: target.name}
        out.append(
            MergePair(
                str(mine.period),
                mine.task.seq,
                names[newer.pk],
                newer.text,
                names[older.pk],
                older.text,
            )
        )
    return out


def unit_merge(source: Unit, target: Unit, *, actor=None) -> list[MergePair]:
    """Merge `source` into `target`: its tasks, reports, accounts, contacts and group places go
    to `target`, its name and aliases become `target`'s aliases, and the row is removed (its
    snapshot in the audit event). Where both reported on one task in one period both texts are
    kept: the newer is the report, the older a version of it. Returns those pairs."""
    from duban.web.search.services import search_index_report

    if source.pk == target.pk or source.organization_id != target.organization_id:
        raise UnitError("只能合并本机构的两个不同单位")
    if (source.kind == Unit.Kind.GROUP) != (target.kind == Unit.Kind.GROUP):
        raise UnitError("单位组只能与单位组合并")
    pairs = merge_pairs(source, target)
    before = {"name": source.name, "kind": source.kind, "aliases": list(source.aliases)}
    try:
        with transaction.atomic():
            for mine, theirs in _pairs(source, target):
                newer, older = _newer_first(mine, theirs)
                top = theirs.versions.aggregate(n=Max("number"))["n"] or 0
                for v in mine.versions.order_by("number"):
                    top += 1
                    v.report, v.number = theirs, top
                    v.save(update_fields=["report", "number"])
                for r in (older, newer):  # the last version is the text that stays
                    if r.text.strip():
                        top += 1
                        ReportVersion.objects.create(
                            report=theirs,
                            number=top,
                            text=r.text,
                            state=r.state,
                            author=r.author,
                            source="merge",
                        )
                if newer is mine:
                    for f in ("text", "state", "author", "submitted_at", "late", "reviewed_at"):
                        setattr(theirs, f, getattr(mine, f))
                theirs.version = top
                theirs.save()
                mine.delete()
            Responsibility.objects.filter(
                unit=source, task__in=Responsibility.objects.filter(unit=target).values("task")
            ).delete()
            _repoint(source, target)
            for group in source.groups.all():
                group.members.add(target)
            if source.kind == Unit.Kind.GROUP:
                target.members.add(*source.members.all())
            target.aliases = [
                a
                for a in dict.fromkeys([*target.aliases, source.name, *source.aliases])
                if a != target.name
            ]
            target.save(update_fields=["aliases"])
            source.delete()
            audit_record(
                "unit_merge",
                target,
                actor=actor,
                before=before,
                after={
                    "into": target.name,
                    "aliases": target.aliases,
                    "pairs": [p.__dict__ for p in pairs],
                },
            )
            for report in Report.objects.filter(unit=target).select_related("task"):
                search_index_report(report)
    except IntegrityError as exc:
        raise UnitError(f"无法合并“{source.name}”：{exc}") from exc
    return pairs


def _repoint(source: Unit, target: Unit) -> None:
    """Every row that points at `source` (a model of any app) now points at `target`."""
    for rel in Unit._meta.related_objects:
        if rel.many_to_many or not rel.field.concrete:
            continue
        rel.related_model._default_manager.filter(**{rel.field.name: source}).update(
            **{rel.field.name: target}
        )


def org_settings_update(organization: Organization, changes: dict[str, str], *, actor=None):
    """The organization's name and wording (level, issuing office, bulletin series,
    addressees), audited with what they were."""
    fields = ["name", "level", "office_name", "bulletin_series", "addressees"]
    before = {f: getattr(organization, f) for f in fields}
    after = {f: changes.get(f, before[f]) for f in fields}
    if after == before:
        return organization
    with transaction.atomic():
        for f, v in after.items():
            setattr(organization, f, v)
        organization.save(update_fields=fields)
        audit_record("org_settings", organization, actor=actor, before=before, after=after)
    return organization


def likely_same_units(organization: Organization) -> list[tuple[Unit, Unit]]:
    """Pairs of the organization's units general knowledge reads as one (县发改局 and
    县发展和改革局): (the shorter, the fuller), for the office to merge or leave apart."""
    buckets: dict[str, list[Unit]] = {}
    for unit in organization.units.exclude(kind=Unit.Kind.GROUP).order_by("name"):
        names = (unit.name, *core_units.bracket_names(unit.name))
        for k in dict.fromkeys(core_units.short_form(n) for n in names):
            buckets.setdefault(k, []).append(unit)
    pairs: dict[tuple[int, int], tuple[Unit, Unit]] = {}
    for units in buckets.values():
        for i, a in enumerate(units):
            for b in units[i + 1 :]:
                short, full = sorted((a, b), key=lambda u: (len(u.name), u.name))
                pairs.setdefault((short.pk, full.pk), (short, full))
    return list(pairs.values())
