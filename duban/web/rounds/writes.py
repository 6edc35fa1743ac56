"""The report a unit writes, as the pages and the API both take it: the gate's answer, except
that a write refused to the report's own unit keeps its text.

The unit's editor (or API client) loaded the report while it could still be written; since
then another session of the unit submitted it, the office accepted it, or the round closed.
The gate now refuses the write, and its text must not vanish with the refusal: it is kept in
the audit log (plans.services.report_refused) and ReportLocked says why, with the text still in
the writer's hands (the page shows it back; the API answers 409). Anyone else gets the gate's
denial as before (access.get_or_deny: 403 in the organization, 404 outside).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from duban.web.access import Action, actor_of, get_or_deny, restrict
from duban.web.plans.models import Report
from duban.web.plans.services import report_refused


def _reports():
    return Report.objects.select_related("task__plan__organization", "period", "unit")


def report_to_write(user, report_id: int, action: Action, *, text: str, version: int) -> Report:
    """The report if the user may `action` it now; else ReportLocked for its own unit (its text
    kept), else the gate's denial."""
    try:
        return get_or_deny(_reports(), user, action, pk=report_id)
    except PermissionDenied:
        actor = actor_of(user)
        own = (
            restrict(_reports(), user).filter(pk=report_id, unit_id=actor.unit_id).first()
            if actor.role == "unit"
            else None
        )
        if own is None:
            raise
        raise report_refused(own, text=text, actor=user, expected_version=version) from None
