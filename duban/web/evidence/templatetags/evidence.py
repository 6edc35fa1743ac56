"""Evidence blocks in other apps' pages: the editor's (upload, list, remove) and a report's
list of files with thumbnails. A page of many reports (a task's, a unit's) reads one query: the
files of the first report's period and task together."""

from __future__ import annotations

from django import template

from duban.web.access import can
from duban.web.evidence import selectors, services

register = template.Library()


def editor_context(request, report, *, errors=(), added=(), can_change=None) -> dict:
    limits = services.limits_for(report.period.plan.organization_id)
    files = selectors.report_files(report, request.user)
    return {
        "report": report,
        "files": files,
        "errors": list(errors),
        "added": list(added),
        "max_mb": limits.max_bytes // (1024 * 1024),
        "max_files": limits.max_files,
        "room": limits.max_files - len(files),
        "can_change": can_change if can_change is not None else can(request.user, "change", report),
    }


@register.inclusion_tag("evidence/_editor.html", takes_context=True)
def evidence_editor(context, report):
    # The editor is the page of someone who may write the report (rounds.views.report_edit).
    return editor_context(context["request"], report, can_change=True)


@register.inclusion_tag("evidence/_files.html", takes_context=True)
def evidence_files(context, report):
    """The report's current files; the period's are read once per page and kept on the request."""
    request = context.get("request")
    if request is None or report is None or not getattr(report, "pk", None):
        return {"files": []}
    cache = request.__dict__.setdefault("_duban_evidence", {})
    key = next((k for k in cache if report.period_id == k[0] or report.task_id == k[1]), None)
    if key is None:
        key = (report.period_id, report.task_id)
        cache[key] = selectors.page_files(*key, user=request.user)
    return {"files": cache[key].get(report.pk, [])}


@register.simple_tag(takes_context=True)
def evidence_versions(context, report):
    """Version number → that version's files, for the version history."""
    request = context.get("request")
    return selectors.version_files(report, request.user) if request is not None else {}
