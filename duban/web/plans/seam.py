"""The one seam between the core model and the database rows: from_core / to_core."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import cast

from django.db.models import OuterRef, Prefetch, Subquery

from duban.core import model as core
from duban.core.units import Registry
from duban.web.orgs.models import Unit
from duban.web.orgs.selectors import unit_to_core
from duban.web.plans.models import REPORTED_STATES, Period, Plan, Report, Responsibility, Task

EXTENDED = "已批准延期至"  # how a task's deadline reads once an extension is approved


def approved_extensions(task):
    """The dates of a task's approved extensions, the latest first (`task`: a task or OuterRef)."""
    from duban.web.changes.models import ChangeRequest

    return (
        ChangeRequest.objects.filter(
            task=task, kind=ChangeRequest.Kind.EXTEND, state=ChangeRequest.State.APPROVED
        )
        .order_by("-decided_at", "-id")
        .values("new_date")
    )


def period_from_core(period: core.Period, year: int) -> dict:
    return {
        "year": period.year or year,
        "label": period.label,
        "end_month": period.end_month,
        "kind": period.kind,
    }


def _period_dict(period: core.Period | None) -> dict | None:
    if period is None:
        return None
    return {"label": period.label, "end_month": period.end_month, "kind": period.kind}


def _period_key(data: dict | None) -> tuple[str, int] | None:
    return (data["kind"], data["end_month"]) if data else None


def _period_to_core(data: dict | None, year: int | None) -> core.Period | None:
    if not data:
        return None
    return core.Period(data["label"], data["end_month"], year, data["kind"])


def task_from_core(task: core.Task, period: core.Period | None = None) -> dict:
    """A task's row fields. An actual or share figure and a status without a period of their
    own are dated with the document's period, so a later period's import adds to them."""
    return {
        "target": task.target,
        "line": task.line,
        "deadline": task.deadline or "",
        "ongoing": task.ongoing,
        "number": task.number,
        "due_year": task.due_year,
        "due_month": task.due_month,
        "people": [{"name": p.name, "role": p.role} for p in task.people],
        "figures": [
            {
                "header": f.header,
                "role": f.role,
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "period": _period_dict(
                    f.period or (period if f.role in ("actual", "share") else None)
                ),
            }
            for f in task.figures
        ],
        "document_status": [
            {"header": d.header, "text": d.text, "period": _period_dict(d.period or period)}
            for d in task.status
        ],
        "items": list(task.items),
    }


def merge_dated(stored: Sequence[dict], new: Sequence[dict]) -> list[dict]:
    """Figures or statuses of a task after an import: the new document's rows replace the
    stored rows of the periods it speaks for (undated rows replace undated rows); rows of
    other periods stay. Re-importing a document changes nothing."""
    speaks_for = {_period_key(r.get("period")) for r in new}
    kept = [r for r in stored if _period_key(r.get("period")) not in speaks_for]
    return [*kept, *new]


def _for_period(rows: Sequence[dict], period: Period | None) -> list[dict]:
    """The rows that hold for one period: undated ones and those of that period."""
    key = (period.kind, period.end_month) if period is not None else None
    return [r for r in rows if r.get("period") is None or _period_key(r["period"]) == key]


def unit_name_from_core(name: str, canonical: str | None) -> str:
    """The name a unit is stored under: the canonical one the plan's registry gave it."""
    return canonical or name.strip()


def lead_unit_name(task: core.Task) -> str | None:
    """Whose a progress text is when no unit header names it: the task's lead unit (牵头单位)
    writes the task's one progress text, unless the lead also reports under its own name."""
    leads = task.lead_units
    return unit_name_from_core(leads[0].name, leads[0].canonical) if leads else None


def to_core(
    plan: Plan,
    period: Period | None = None,
    states=REPORTED_STATES,
    units: Registry | None = None,
    *,
    skip_tasks: Collection[int] = (),
    skip_reports: Collection[int] = (),
    only_task: int | None = None,
) -> core.Plan:
    """The plan as the core sees it, with one period's reports in these states (by default the
    reported ones: submitted or accepted) for renderers and judgement; without the tasks and
    reports to skip (by id: what the public may not see); with `only_task` (an id), that task
    alone (the editor's advice judges one task as the unit types).

    It carries a unit registry: `units` when the caller has the organization's, else one made
    from the units these rows name (their kinds, aliases and the spellings the plan wrote),
    which is all judgement and rendering ask of it, with no query more.
    """
    in_force = Task.objects.filter(retired_at__isnull=True)  # a retired task is history only
    in_force = in_force.annotate(extended_to=Subquery(approved_extensions(OuterRef("pk"))[:1]))
    if only_task is not None:
        in_force = in_force.filter(pk=only_task)
    sections = plan.sections.prefetch_related(
        Prefetch("tasks", queryset=in_force.prefetch_related("responsibilities__unit"))
    )
    reports: dict[int, list[Report]] = {}
    if period is not None:
        rows = period.reports.filter(state__in=states).exclude(text="").exclude(pk__in=skip_reports)
        if only_task is not None:
            rows = rows.filter(task_id=only_task)
        for r in rows.select_related("unit").order_by("task_id", "id"):
            reports.setdefault(r.task_id, []).append(r)
    named: dict[int, tuple[Unit, set[str]]] = {}

    def task(t: Task) -> core.Task:
        resp: list[Responsibility] = list(t.responsibilities.all())
        for r in resp:
            named.setdefault(r.unit.pk, (r.unit, set()))[1].add(r.name_as_written)
        for report in reports.get(t.pk, []):
            if report.unit is not None:
                named.setdefault(report.unit.pk, (report.unit, set()))
        extended = getattr(t, "extended_to", None)
        return core.Task(
            seq=t.seq,
            target=t.target,
            units=tuple(
                core.UnitRef(r.name_as_written or r.unit.name, cast(core.Role, r.role), r.unit.name)
                for r in resp
            ),
            reports=tuple(
                core.Report(
                    r.unit.name if r.unit else None, r.text, r.unit.name if r.unit else None
                )
                for r in reports.get(t.pk, [])
            ),
            line=t.line,
            # An approved 延期 (changes/) governs from its approval: the task is due by its date.
            deadline=f"{EXTENDED}{extended:%Y年%-m月%-d日}" if extended else t.deadline or None,
            ongoing=t.ongoing,
            number=t.number,
            due_year=extended.year if extended else t.due_year,
            due_month=extended.month if extended else t.due_month,
            people=tuple(core.Person(p["name"], p["role"]) for p in t.people),
            figures=tuple(
                core.Figure(
                    f["role"],
                    f["value"],
                    f["unit"],
                    f["header"],
                    f["text"],
                    _period_to_core(f["period"], plan.year),
                )
                for f in _for_period(t.figures, period)
            ),
            status=tuple(
                core.DocumentStatus(d["header"], d["text"], _period_to_core(d["period"], plan.year))
                for d in _for_period(t.document_status, period)
            ),
            items=tuple(t.items),
        )

    built = tuple(
        core.Section(
            s.number,
            s.title,
            s.declared_count,
            tuple(task(t) for t in s.tasks.all() if t.pk not in skip_tasks),
        )
        for s in sections
    )
    org = plan.organization
    if units is None:
        units = Registry(
            (
                replace(
                    unit_to_core(u),
                    aliases=tuple(dict.fromkeys([*u.aliases, *sorted(w - {u.name, ""})])),
                )
                for u, w in named.values()
            ),
            level=org.core_level,
        )
    return core.Plan(
        title=plan.title,
        year=plan.year,
        district=org.name,
        period=(
            core.Period(
                period.label, period.end_month, period.year, cast(core.PeriodKind, period.kind)
            )
            if period
            else None
        ),
        sections=built,
        source=plan.source or None,
        units=units,
    )
