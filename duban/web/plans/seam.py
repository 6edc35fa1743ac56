"""The one seam between the core model and the database rows: from_core / to_core."""

from __future__ import annotations

import re

from duban.core import model as core
from duban.core import units as registry
from duban.web.plans.models import REPORTED_STATES, Period, Plan, Report, Responsibility, Task

_MONTHLY = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?$")


def period_kind_from_label(label: str) -> str:
    """'9月' is a monthly round; 第三季度, 上半年, 全年 are quarterly ones."""
    return Period.Kind.MONTH if _MONTHLY.match(label.strip()) else Period.Kind.QUARTER


def period_from_core(period: core.Period, year: int) -> dict:
    return {
        "year": period.year or year,
        "label": period.label,
        "end_month": period.end_month,
        "kind": period_kind_from_label(period.label),
    }


def task_from_core(task: core.Task) -> dict:
    return {
        "target": task.target,
        "line": task.line,
        "deadline": task.deadline or "",
        "ongoing": task.ongoing,
    }


def unit_name_from_core(name: str, canonical: str | None) -> str:
    """The name a unit is stored under: the registry's canonical one when it knows it."""
    return canonical or registry.canonical(name) or name.strip()


def lead_unit_name(task: core.Task) -> str | None:
    """Whose a progress text is when no unit header names it: the task's lead unit (牵头单位)
    writes the task's one progress text, unless the lead also reports under its own name."""
    leads = task.lead_units
    return unit_name_from_core(leads[0].name, leads[0].canonical) if leads else None


def unit_from_core(name: str) -> dict:
    known = registry.lookup(name)
    return {
        "kind": known.kind if known else registry.REGISTRY.kind(name),
        "aliases": list(known.aliases) if known else [],
    }


def group_members(name: str) -> tuple[tuple[str, ...], bool]:
    """A group's member names, and whether the list is closed (named members only)."""
    known = registry.lookup(name)
    if known is None or known.kind != "group":
        return (), True
    return registry.expand_group(name), not known.member_kinds


def to_core(plan: Plan, period: Period | None = None, states=REPORTED_STATES) -> core.Plan:
    """The plan as the core sees it, with one period's reports in these states (by default the
    reported ones: submitted or accepted) for renderers and judgement."""
    sections = plan.sections.prefetch_related("tasks__responsibilities__unit")
    reports: dict[int, list[Report]] = {}
    if period is not None:
        rows = period.reports.filter(state__in=states).exclude(text="")
        for r in rows.select_related("unit").order_by("task_id", "id"):
            reports.setdefault(r.task_id, []).append(r)

    def task(t: Task) -> core.Task:
        resp: list[Responsibility] = list(t.responsibilities.all())
        return core.Task(
            seq=t.seq,
            target=t.target,
            units=tuple(
                core.UnitRef(r.name_as_written or r.unit.name, r.role, r.unit.name) for r in resp
            ),
            reports=tuple(
                core.Report(
                    r.unit.name if r.unit else None, r.text, r.unit.name if r.unit else None
                )
                for r in reports.get(t.pk, [])
            ),
            line=t.line,
            deadline=t.deadline or None,
            ongoing=t.ongoing,
        )

    return core.Plan(
        title=plan.title,
        year=plan.year,
        district=plan.organization.name,
        period=core.Period(period.label, period.end_month, period.year) if period else None,
        sections=tuple(
            core.Section(s.number, s.title, s.declared_count, tuple(task(t) for t in s.tasks.all()))
            for s in sections
        ),
        source=plan.source or None,
    )
