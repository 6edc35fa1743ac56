"""The task page's part on requests: their whole history, the unit's form, the approver's."""

from __future__ import annotations

from django import template

from duban.web.access import actor_of, can, may_approve
from duban.web.changes.models import ChangeRequest

register = template.Library()


@register.inclusion_tag("changes/_task_changes.html", takes_context=True)
def task_changes(context, task):
    user = context["request"].user
    if not actor_of(user).is_member:
        return {"shown": False}
    rows = list(
        ChangeRequest.objects.filter(task=task)
        .select_related("unit", "filed_by")
        .prefetch_related("steps__actor")
    )
    org = task.plan.organization_id
    mine = {  # the requests whose current step this user takes
        r.pk
        for r in rows
        if r.current_step is not None and may_approve(user, r.current_step, r.unit_id, org)
    }
    return {
        "mine": mine,
        "shown": True,
        "task": task,
        "rows": rows,
        # Only a unit asks (the gate's request_change): no query for anyone else.
        "may_file": actor_of(user).role == "unit" and can(user, "request_change", task),
    }
