"""Writes to the search index. Every write of a task's target or a report's text reaches it: the
services that write them (import, save, submit) call it in their transaction, and so does the
admin for its corrections and additions (search_index_changed, from audit/admin.py)."""

from __future__ import annotations

from django.db import models, transaction

from duban.web.plans.models import Period, Plan, Report, Section, Task
from duban.web.search.bigrams import index_tokens
from duban.web.search.models import SearchEntry


def _task_entry(task: Task) -> SearchEntry:
    plan = task.plan
    return SearchEntry(
        kind=SearchEntry.Kind.TASK,
        organization_id=plan.organization_id,
        plan=plan,
        year=plan.year,
        section_id=task.section_id,
        task=task,
        text=task.target,
        tokens=index_tokens(task.target),
    )


def _report_entry(report: Report, task: Task) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.REPORT,
        organization_id=task.plan.organization_id,
        plan=task.plan,
        year=task.plan.year,
        section_id=task.section_id,
        task=task,
        period_id=report.period_id,
        end_month=report.period.end_month,
        report=report,
        unit_id=report.unit_id,
        text=report.text,
        tokens=index_tokens(report.text),
    )


def search_index_task(task: Task) -> None:
    """(Re)index one task's target."""
    with transaction.atomic():
        SearchEntry.objects.filter(kind=SearchEntry.Kind.TASK, task=task).delete()
        _task_entry(task).save()


def search_index_report(report: Report, *, task: Task | None = None) -> None:
    """(Re)index one report; an emptied report leaves the index. `task` (with its plan), when
    the caller holds it, saves reading it again."""
    # No savepoint: inside a caller's transaction an error aborts the whole write anyway.
    with transaction.atomic(savepoint=False):
        SearchEntry.objects.filter(report=report).delete()
        if report.text.strip():
            if task is None:
                task = Task.objects.select_related("plan").get(pk=report.task_id)
            _report_entry(report, task).save()


def search_index_plan(plan: Plan) -> int:
    """Rebuild the entries of a whole plan in bulk (after an import); returns the entry count."""
    tasks = {t.pk: t for t in Task.objects.filter(plan=plan).select_related("plan")}
    entries = [_task_entry(t) for t in tasks.values()]
    entries += [
        _report_entry(r, tasks[r.task_id])
        for r in Report.objects.filter(task__plan=plan).exclude(text="").select_related("period")
    ]
    with transaction.atomic():
        SearchEntry.objects.filter(plan=plan).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def search_index_changed(obj: models.Model) -> None:
    """Bring the index in line with one object just written: a report alone; a task with its
    reports (their entries copy its plan and section); a plan, section or period as its whole
    plan (entries copy the year and the period's month). Other objects are not indexed."""
    if isinstance(obj, Report):
        search_index_report(obj)
    elif isinstance(obj, Task):
        task = Task.objects.select_related("plan").get(pk=obj.pk)
        reports = task.reports.exclude(text="").select_related("period")
        with transaction.atomic():
            search_index_task(task)
            SearchEntry.objects.filter(
                models.Q(kind=SearchEntry.Kind.REPORT, task=task) | models.Q(report__task=task)
            ).delete()
            SearchEntry.objects.bulk_create(_report_entry(r, task) for r in reports)
    elif isinstance(obj, (Section, Period)):
        search_index_plan(obj.plan)
    elif isinstance(obj, Plan):
        search_index_plan(obj)


def search_reindex_all() -> int:
    return sum(search_index_plan(p) for p in Plan.objects.all())
