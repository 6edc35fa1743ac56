"""签收 and 办结 blocks in other apps' pages: the editor's button and form, the round overview's
list, the task page's closing part."""

from __future__ import annotations

from django import template

from duban.web.access import actor_of
from duban.web.plans.models import Responsibility
from duban.web.workflow import closing, selectors
from duban.web.workflow.models import Closing

register = template.Library()


@register.inclusion_tag("workflow/_acknowledge.html", takes_context=True)
def acknowledgement_block(context, report):
    request = context["request"]
    done = selectors.acknowledgement_of(report)
    actor = actor_of(request.user)  # the button where the gate's "acknowledge" lets it post
    own = done is None and actor.role == "unit" and report.unit_id == actor.unit_id
    return {"report": report, "done": done, "own": own}


@register.inclusion_tag("workflow/_unacknowledged.html")
def unacknowledged_units(period):
    return {"rows": selectors.unacknowledged(period)}


@register.inclusion_tag("workflow/_closing.html", takes_context=True)
def closing_block(context, task):
    """The task page's 办结 part: the closed mark, every application, the office's decision."""
    rows = list(closing.history(task).prefetch_related("report__attachments"))
    actor = actor_of(context["request"].user)
    return {
        "task": task,
        "rows": rows,
        "closed": next((c for c in rows if c.state == Closing.State.APPROVED), None),
        "pending": any(c.state == Closing.State.PENDING for c in rows),
        "office": actor.reads_office_reasons,
        "grades": Closing.Grade.choices,
    }


@register.inclusion_tag("workflow/_closing_apply.html", takes_context=True)
def closing_apply_block(context, report):
    """The editor's 办结申请 form, for the reporter of the task's lead unit."""
    actor = actor_of(context["request"].user)
    states = set(report.task.closings.values_list("state", flat=True))
    own = (
        actor.role == "unit"
        and report.unit_id == actor.unit_id
        and report.task.responsibilities.filter(
            unit_id=actor.unit_id, role=Responsibility.Role.LEAD
        ).exists()
    )
    return {
        "report": report,
        "closed": Closing.State.APPROVED in states,
        "pending": Closing.State.PENDING in states,
        "own": own,
    }
