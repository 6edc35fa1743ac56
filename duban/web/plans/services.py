"""Writes to plans and reports. Each service owns its transaction and its audit event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from duban.core import model as core
from duban.core.errors import InputError
from duban.web.audit.services import audit_record, snapshot
from duban.web.orgs.models import Organization, Unit
from duban.web.orgs.services import group_link_defaults
from duban.web.plans import seam
from duban.web.plans.models import (
    REPORT_TEXT_MAX_CHARS,
    Milestone,
    Period,
    Plan,
    Report,
    ReportVersion,
    Responsibility,
    Section,
    Task,
)
from duban.web.plans.signals import plan_imported
from duban.web.search.services import search_index_plan, search_index_report


@dataclass
class ImportSummary:
    organization: str
    year: int
    plan_id: int
    period: str | None
    sections_created: int = 0
    tasks_created: int = 0
    tasks_updated: int = 0
    tasks_total: int = 0
    units_created: int = 0
    responsibilities_created: int = 0
    reports_created: int = 0
    reports_updated: int = 0
    reports_unchanged: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.sections_created,
                self.tasks_created,
                self.tasks_updated,
                self.units_created,
                self.responsibilities_created,
                self.reports_created,
                self.reports_updated,
            )
        )

    def lines(self) -> list[str]:
        period = f"，{self.period}" if self.period else ""
        return [
            f"{self.organization} {self.year}年{period}：共 {self.tasks_total} 项任务",
            f"新增 部分 {self.sections_created}、任务 {self.tasks_created}、单位 {self.units_created}、"
            f"责任分工 {self.responsibilities_created}、进展 {self.reports_created}",
            f"更新 任务 {self.tasks_updated}、进展 {self.reports_updated}；"
            f"未变 进展 {self.reports_unchanged}",
        ]


def plan_import(
    plan: core.Plan,
    *,
    organization_name: str | None = None,
    source: str = "",
    actor=None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Load a parsed plan (and its period's reports) in one transaction; idempotent.

    A later period of the same organization and year adds its reports to the same tasks.
    """
    name = (organization_name or plan.district or "").strip()
    if not name:
        raise InputError("文件没有写明区县，请用 --org 指定机构名称", source=source or None)
    year = plan.year or (plan.period.year if plan.period else None)
    if not year:
        raise InputError("文件没有写明年度", source=source or None)

    with transaction.atomic():
        org, _ = Organization.objects.get_or_create(name=name)
        db_plan, _ = Plan.objects.get_or_create(
            organization=org, year=year, defaults={"title": plan.title, "source": source}
        )
        summary = ImportSummary(
            organization=org.name,
            year=year,
            plan_id=db_plan.pk,
            period=plan.period.label if plan.period else None,
            tasks_total=len(plan.tasks),
        )
        units = _ensure_units(org, plan, summary)
        tasks = _ensure_tasks(db_plan, plan, summary)
        _ensure_responsibilities(plan, tasks, units, summary)
        _ensure_milestones(plan, tasks)
        for earlier in plan.earlier_periods:  # a table's earlier progress column
            _ensure_reports(
                _period(db_plan, earlier, year), plan, earlier, tasks, units, summary, actor, None
            )
        if plan.period is not None:
            period = _period(db_plan, plan.period, year)
            _ensure_reports(period, plan, None, tasks, units, summary, actor, progress)
        elif progress:
            progress(len(plan.tasks))
        search_index_plan(db_plan)
        plan_imported.send(Plan, plan=db_plan)
        if summary.changed:
            audit_record("plan_import", db_plan, actor=actor, after=asdict(summary))
    return summary


def _period(db_plan: Plan, period: core.Period, year: int) -> Period:
    found, _ = Period.objects.get_or_create(
        plan=db_plan,
        kind=period.kind,
        end_month=period.end_month,
        defaults={**seam.period_from_core(period, year), "state": Period.State.CLOSED},
    )
    return found


def _unit_names(plan: core.Plan) -> dict[str, set[str]]:
    """Canonical name → spellings seen, for every unit a task or report names."""
    names: dict[str, set[str]] = {}
    for t in plan.tasks:
        for u in t.units:
            names.setdefault(seam.unit_name_from_core(u.name, u.canonical), set()).add(u.name)
        for r in (*t.reports, *t.earlier_reports):
            if r.unit:
                names.setdefault(seam.unit_name_from_core(r.unit, r.canonical), set()).add(r.unit)
    return names


def _ensure_units(org: Organization, plan: core.Plan, summary: ImportSummary) -> dict[str, Unit]:
    """Every unit the plan names, created with the kind and aliases its registry gives; each
    group linked to its default members (orgs.services.group_link_defaults)."""
    registry = plan.units
    units = {u.name: u for u in org.units.all()}
    wanted = _unit_names(plan)
    groups = {n: g for n in wanted if (g := registry.group(n)) is not None}
    for name in groups:
        # The units a group stands for by default are units of the plan too: the ones it
        # names ('…局等执法部门'), and the registry's towns and streets for 各镇（街）.
        for m in registry.expand_group(name):
            wanted.setdefault(m, set())
    new = []
    for name, spellings in wanted.items():
        if name in units:
            continue
        aliases = sorted(set(registry.aliases_of(name)) | {s for s in spellings if s != name})
        group = groups.get(name)
        kinds = list(group.kinds) if group is not None and not group.open_ended else []
        kind = "group" if group is not None else registry.kind(name)
        new.append(
            Unit(organization=org, name=name, kind=kind, aliases=aliases, member_kinds=kinds)
        )
    for u in Unit.objects.bulk_create(new):
        units[u.name] = u
    summary.units_created = len(new)
    for name, g in groups.items():
        named = tuple(registry.canonical(m) or m for m in g.named)
        group_link_defaults(units[name], units, named=named)
    return units


def _ensure_tasks(db_plan: Plan, plan: core.Plan, summary: ImportSummary) -> dict[int, Task]:
    sections = {s.number: s for s in db_plan.sections.all()}
    new_sections = [
        Section(plan=db_plan, number=s.number, title=s.title, declared_count=s.declared_count)
        for s in plan.sections
        if s.number not in sections
    ]
    for s in Section.objects.bulk_create(new_sections):
        sections[s.number] = s
    summary.sections_created = len(new_sections)

    tasks = {t.seq: t for t in db_plan.tasks.filter(retired_at__isnull=True)}
    new_tasks, changed = [], []
    for section in plan.sections:
        for t in section.tasks:
            fields = seam.task_from_core(t, plan.period)
            if t.seq not in tasks:
                new_tasks.append(
                    Task(plan=db_plan, section=sections[section.number], seq=t.seq, **fields)
                )
                continue
            if _update_task(tasks[t.seq], fields):
                changed.append(tasks[t.seq])
    for row in Task.objects.bulk_create(new_tasks):
        tasks[row.seq] = row
    Task.objects.bulk_update(changed, [*_UPDATED, *_MERGED])
    summary.tasks_created, summary.tasks_updated = len(new_tasks), len(changed)
    return tasks


# A later period's table may repeat a task with its wording fixed: the newest is kept where it
# says something; figures and statuses are kept per period (seam.merge_dated).
_UPDATED = ("target", "number", "due_year", "due_month", "people", "items")
_MERGED = ("figures", "document_status")


def _update_task(row: Task, fields: dict) -> bool:
    changed = False
    for name in _UPDATED:
        if fields[name] and getattr(row, name) != fields[name]:
            setattr(row, name, fields[name])
            changed = True
    for name in _MERGED:
        merged = seam.merge_dated(getattr(row, name), fields[name])
        if merged != getattr(row, name):
            setattr(row, name, merged)
            changed = True
    return changed


def _ensure_responsibilities(
    plan: core.Plan, tasks: dict[int, Task], units: dict[str, Unit], summary: ImportSummary
) -> None:
    existing = set(
        Responsibility.objects.filter(task__in=list(tasks.values())).values_list(
            "task_id", "unit_id"
        )
    )
    new = []
    for t in plan.tasks:
        for position, ref in enumerate(t.units):
            unit = units[seam.unit_name_from_core(ref.name, ref.canonical)]
            key = (tasks[t.seq].pk, unit.pk)
            if key in existing:
                continue
            existing.add(key)
            new.append(
                Responsibility(
                    task=tasks[t.seq],
                    unit=unit,
                    role=ref.role,
                    position=position,
                    name_as_written=ref.name,
                )
            )
    Responsibility.objects.bulk_create(new)
    summary.responsibilities_created = len(new)


def _ensure_milestones(plan: core.Plan, tasks: dict[int, Task]) -> None:
    """形象进度 from a decomposition table; a milestone already stored is left as the office set it."""
    existing = set(
        Milestone.objects.filter(task__in=list(tasks.values())).values_list("task_id", "end_month")
    )
    Milestone.objects.bulk_create(
        Milestone(task=tasks[t.seq], label=m.label, end_month=m.end_month, text=m.text)
        for t in plan.tasks
        for m in t.milestones
        if (tasks[t.seq].pk, m.end_month) not in existing
    )


def _ensure_reports(
    period: Period,
    plan: core.Plan,
    earlier: core.Period | None,
    tasks: dict[int, Task],
    units: dict[str, Unit],
    summary: ImportSummary,
    actor,
    progress: Callable[[int], None] | None,
) -> None:
    existing = {(r.task_id, r.unit_id): r for r in period.reports.all()}
    new: list[Report] = []
    updated: list[Report] = []
    author = actor if getattr(actor, "is_authenticated", False) else None
    for t in plan.tasks:
        texts: dict[int | None, list[str]] = {}
        # The current period's reports, or those of one earlier period (a table's earlier column).
        reports = (
            t.reports if earlier is None else [r for r in t.earlier_reports if r.period == earlier]
        )
        for r in reports:
            unit = units[seam.unit_name_from_core(r.unit, r.canonical)] if r.unit else None
            texts.setdefault(unit.pk if unit else None, []).append(r.text)
        lead = seam.lead_unit_name(t)
        if None in texts and lead and units[lead].pk not in texts:
            texts[units[lead].pk] = texts.pop(None)
        for unit_id, parts in texts.items():
            text = "\n".join(parts)
            row = existing.get((tasks[t.seq].pk, unit_id))
            if row is None:
                new.append(
                    Report(
                        period=period,
                        task=tasks[t.seq],
                        unit_id=unit_id,
                        text=text,
                        state=Report.State.ACCEPTED,
                        version=1,
                        author=author,
                    )
                )
            elif row.text != text:
                row.text, row.version, row.updated_at = text, row.version + 1, timezone.now()
                updated.append(row)
            else:
                summary.reports_unchanged += 1
        if progress:
            progress(1)
    Report.objects.bulk_create(new)
    Report.objects.bulk_update(updated, ["text", "version", "updated_at"])
    ReportVersion.objects.bulk_create(
        ReportVersion(
            report=r, number=r.version, text=r.text, state=r.state, author=author, source="import"
        )
        for r in new + updated
    )
    summary.reports_created, summary.reports_updated = len(new), len(updated)


class StaleReport(Exception):
    """Someone saved the report since this editor loaded it (optimistic locking)."""

    def __init__(self, current_version: int) -> None:
        super().__init__(f"report is at version {current_version}")
        self.current_version = current_version


class ReportLocked(StaleReport):
    """The report can no longer be written by its unit (submitted, accepted, or its round over)
    since the writer's editor loaded it; the refused text is kept, as a conflict's is."""

    def __init__(self, report: Report, reason: str) -> None:
        super().__init__(report.version)
        self.report = report
        self.reason = reason


class ReportTooLong(ValueError):
    """A progress text over REPORT_TEXT_MAX_CHARS; the editor and the API refuse it first."""


def check_report_text(text: str) -> None:
    if len(text) > REPORT_TEXT_MAX_CHARS:
        raise ReportTooLong(f"进展情况最多 {REPORT_TEXT_MAX_CHARS} 字，现有 {len(text)} 字")


def report_refused(report: Report, *, text: str, actor, expected_version: int) -> ReportLocked:
    """Keep the text of a write refused to the report's own unit (another session of the unit
    submitted, the office accepted it, or the round closed while this one was typing) in the
    audit log, and say why; the caller raises what this returns."""
    if report.period.state != Period.State.OPEN:
        reason = "本轮填报已结束，不能再修改"
    elif report.state == Report.State.ACCEPTED:
        reason = "该报告已审核通过，不能再修改"
    else:
        reason = "该报告已由本单位报送，不能再修改"
    report_conflict(
        report, text=text[:REPORT_TEXT_MAX_CHARS], actor=actor, expected_version=expected_version
    )
    return ReportLocked(report, reason)


def report_locked(pk: int, *, lock_period: bool = False) -> Report:
    """The report, locked for a write, with what its audit event and search entry read (period
    and plan, task and plan, unit) joined into the same query.

    Only the report's row is locked; with lock_period the period's too, so that a state change
    cannot cross the round's closing (round_close locks the period). On SQLite the IMMEDIATE
    transaction serialises writers instead.
    """
    of = ("self", "period") if lock_period else ("self",)
    return (
        Report.objects.select_for_update(of=of)
        .select_related("period__plan", "task__plan", "unit")
        .get(pk=pk)
    )


def report_draft(current: Report, *, text: str, actor) -> tuple[dict, dict]:
    """Apply a draft save to a locked report in memory; the audit event's before and after.
    The caller saves the report, its version, search entry and audit event in its transaction
    (report_save; report_submit does the save and the submission in one)."""
    before = snapshot(current)
    current.text = text
    current.version += 1
    current.author = actor
    if current.state in (Report.State.EMPTY, Report.State.RETURNED):
        current.state = Report.State.DRAFT
    return before, snapshot(current)


def report_version(report: Report, actor) -> ReportVersion:
    """The report as it now stands, as a version (not yet saved)."""
    return ReportVersion(
        report=report,
        number=report.version,
        text=report.text,
        state=report.state,
        author=actor,
        source="web",
    )


def report_conflict(current: Report, *, text: str, actor, expected_version: int) -> None:
    """Keep a refused text in the audit log (optimistic locking lost)."""
    audit_record(
        "report_conflict",
        current,
        actor=actor,
        after={"text": text, "based_on_version": expected_version},
    )


def report_save(report: Report, *, text: str, actor, expected_version: int) -> Report:
    """Save a unit's draft as a new version; never overwrites a newer save silently.

    On a conflict the refused text is kept in the audit log and StaleReport is raised.
    """
    check_report_text(text)
    with transaction.atomic():
        current = report_locked(report.pk)
        stale = current.version != expected_version
        if stale:
            report_conflict(current, text=text, actor=actor, expected_version=expected_version)
        else:
            before, after = report_draft(current, text=text, actor=actor)
            current.save()
            ReportVersion.objects.create(
                report=current,
                number=current.version,
                text=text,
                state=current.state,
                author=actor,
                source="web",
            )
            search_index_report(current, task=current.task)
            audit_record("report_save", current, actor=actor, before=before, after=after)
    if stale:
        raise StaleReport(current.version)
    return current
