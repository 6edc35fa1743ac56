"""Rows to API answers. What a field shows depends on the reader only where the pages do too
(internal notes, return comments, flags); access.py has already decided which rows they see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from duban.web.access import Actor
from duban.web.dashboard.verdicts import PeriodJudgement, TaskVerdict
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Period, Plan, Report, Section, Task


class SectionCount(TypedDict):
    task_count: int


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    SectionWithCount = WithAnnotations[Section, SectionCount]


def organization(o: Organization) -> dict[str, Any]:
    return {"id": o.pk, "name": o.name}


def unit(u: Unit) -> dict[str, Any]:
    """Needs members prefetched."""
    return {
        "id": u.pk,
        "organization_id": u.organization_id,
        "name": u.name,
        "kind": u.kind,
        "aliases": list(u.aliases or []),
        "member_ids": sorted(m.pk for m in u.members.all()),
    }


def plan(p: Plan) -> dict[str, Any]:
    """Needs organization selected."""
    return {
        "id": p.pk,
        "organization_id": p.organization_id,
        "organization": p.organization.name,
        "year": p.year,
        "title": p.title,
    }


def section(s: SectionWithCount) -> dict[str, Any]:
    """Needs task_count annotated."""
    return {
        "id": s.pk,
        "plan_id": s.plan_id,
        "number": s.number,
        "title": s.title,
        "declared_count": s.declared_count,
        "task_count": s.task_count,
    }


def _override(v: TaskVerdict, office: bool) -> dict[str, Any] | None:
    """督查室认定: who, when and what; the reason is the office's own business."""
    o = v.override
    if o is None:
        return None
    return {
        "verdict": o.verdict,
        "label": v.label,
        "author": o.author,
        "at": o.at,
        "automatic": o.automatic,
        "reason": o.reason if office else None,
    }


def verdict(v: TaskVerdict, judgement: PeriodJudgement, actor: Actor) -> dict[str, Any]:
    flags = v.flags if actor.is_member else ()
    office = actor.reads_office_reasons
    return {
        "period_id": judgement.period.pk,
        "verdict": v.verdict,
        "label": v.label,
        "explanation": v.explanation if office else v.public_explanation,
        "automatic": v.override is None,
        "override": _override(v, office),
        "document_status": v.document_status,
        "light": v.light,
        "flags": [
            {"kind": f.kind, "label": f.label, "unit": f.unit, "reason": f.reason} for f in flags
        ],
        "indicators": [
            {
                "metric": i.metric,
                "unit": i.unit,
                "target": i.target,
                "actual": i.actual,
                "completion": i.completion,
                "schedule": i.schedule,
                "verdict": i.verdict,
                "quote": i.quote,
                "source": i.source,
            }
            for i in v.indicators
        ],
    }


def task(
    t: Task, judgement: PeriodJudgement | None = None, actor: Actor | None = None
) -> dict[str, Any]:
    """Needs responsibilities (with their units) prefetched."""
    judged = judgement.tasks.get(t.pk) if judgement is not None else None
    return {
        "id": t.pk,
        "plan_id": t.plan_id,
        "section_id": t.section_id,
        "seq": t.seq,
        "target": t.target,
        "deadline": t.deadline,
        "ongoing": t.ongoing,
        "units": [
            {
                "unit_id": r.unit_id,
                "unit": r.unit.name,
                "role": r.role,
                "position": r.position,
                "name_as_written": r.name_as_written,
            }
            for r in t.responsibilities.all()
        ],
        "verdict": verdict(judged, judgement, actor) if judged and judgement and actor else None,
    }


def period(p: Period) -> dict[str, Any]:
    return {
        "id": p.pk,
        "plan_id": p.plan_id,
        "year": p.year,
        "kind": p.kind,
        "label": p.label,
        "end_month": p.end_month,
        "deadline": p.deadline,
        "state": p.state,
    }


def report(r: Report, actor: Actor) -> dict[str, Any]:
    """Needs unit and task selected."""
    own = r.unit_id is not None and r.unit_id == actor.unit_id
    return {
        "id": r.pk,
        "period_id": r.period_id,
        "task_id": r.task_id,
        "task_seq": r.task.seq,
        "unit_id": r.unit_id,
        "unit": r.unit.name if r.unit else None,
        "text": r.text,
        "state": r.state,
        "version": r.version,
        "late": r.late,
        "same_as_previous": r.same_as_previous,
        "submitted_at": r.submitted_at,
        "updated_at": r.updated_at,
        "return_comment": r.return_comment if own or actor.sees_internal_notes else None,
        "internal_note": r.internal_note if actor.sees_internal_notes else None,
    }
