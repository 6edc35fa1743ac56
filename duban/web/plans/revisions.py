"""A revised table of a plan already imported (调整): the differences to confirm, then applied so
that every report stays on its task.

The core says which task is which (duban/core/revision.py). Applying keeps each matched task's
row — so its reports, versions, verdict overrides and milestones stay with it — under its new
number and wording; a removed task is retired (已撤销), never deleted; new tasks are created by the
ordinary import that follows. The change is recorded with its document (PlanRevision).
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from duban.core import model as core
from duban.core.revision import PlanDiff, plan_diff
from duban.web.audit.services import audit_record
from duban.web.orgs.models import Unit
from duban.web.plans import seam
from duban.web.plans.models import Plan, PlanRevision, Responsibility, Section, Task

_PARKED = 1_000_000  # numbers are moved out of the way first: no two tasks in force share one


def revision_preview(db_plan: Plan, new: core.Plan) -> PlanDiff:
    """The differences the revised table would make to the plan's tasks in force."""
    return plan_diff(seam.to_core(db_plan), new)


def plan_revise(
    db_plan: Plan, new: core.Plan, *, source: str, document: bytes = b"", actor
) -> PlanDiff:
    """Apply the revision's matched and removed tasks (the caller's import adds the new ones),
    in the caller's transaction or one of its own."""
    with transaction.atomic():
        diff = revision_preview(db_plan, new)
        if diff.empty:
            return diff
        rows = {t.seq: t for t in db_plan.tasks.filter(retired_at__isnull=True)}
        now = timezone.now()
        for gone in diff.removed:
            row = rows[gone.seq]
            row.retired_at = now
            row.save(update_fields=["retired_at"])
        moved = [p for p in diff.pairs if p.moved]
        for pair in moved:
            rows[pair.old.seq].seq = _PARKED + pair.new.seq
        Task.objects.bulk_update([rows[p.old.seq] for p in moved], ["seq"])
        sections = _sections(db_plan, new)
        for pair in diff.pairs:
            row = rows[pair.old.seq]
            row.seq = pair.new.seq
            row.section = sections[_section_of(new, pair.new)]
            if pair.reworded:
                fields = seam.task_from_core(pair.new, new.period)
                row.target, row.deadline = fields["target"], fields["deadline"]
            row.save(update_fields=["seq", "section", "target", "deadline"])
            if pair.units_changed:
                _responsibilities(row, pair.new)
        record = PlanRevision.objects.create(
            plan=db_plan,
            source=source[:200],
            document_sha256=hashlib.sha256(document).hexdigest() if document else "",
            summary=diff.summary(),
            changes=_changes(diff),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            "plan_revise", db_plan, actor=actor, after={"revision": record.pk, **record.changes}
        )
    return diff


def _section_of(plan: core.Plan, task: core.Task) -> int:
    return next(s.number for s in plan.sections if task in s.tasks)


def _sections(db_plan: Plan, new: core.Plan) -> dict[int, Section]:
    found = {s.number: s for s in db_plan.sections.all()}
    for s in new.sections:
        if s.number not in found:
            found[s.number] = Section.objects.create(
                plan=db_plan, number=s.number, title=s.title, declared_count=s.declared_count
            )
    return found


def _responsibilities(row: Task, task: core.Task) -> None:
    """The task's units as the revision names them (units new to the organization are made by
    the import that follows, which also adds their responsibilities)."""
    units = {u.name: u for u in Unit.objects.filter(organization_id=row.plan.organization_id)}
    wanted = {}
    for position, ref in enumerate(task.units):
        name = seam.unit_name_from_core(ref.name, ref.canonical)
        if name in units:
            wanted[units[name].pk] = (ref, position)
    Responsibility.objects.filter(task=row).exclude(unit_id__in=wanted).delete()
    for unit_id, (ref, position) in wanted.items():
        Responsibility.objects.update_or_create(
            task=row,
            unit_id=unit_id,
            defaults={"role": ref.role, "position": position, "name_as_written": ref.name},
        )


def _changes(diff: PlanDiff) -> dict:
    """The differences as JSON, for the record and the audit event."""
    return {
        "added": [{"seq": t.seq, "target": t.target} for t in diff.added],
        "removed": [{"seq": t.seq, "target": t.target} for t in diff.removed],
        "reworded": [
            {"from": p.old.seq, "to": p.new.seq, "before": p.old.target, "after": p.new.target}
            for p in diff.reworded
        ],
        "units_changed": [
            {"from": p.old.seq, "to": p.new.seq, "added": p.units_added, "removed": p.units_removed}
            for p in diff.units_changed
        ],
    }
