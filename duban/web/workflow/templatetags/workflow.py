"""签收 blocks in other apps' pages: the editor's button, the round overview's list."""

from __future__ import annotations

from django import template

from duban.web.access import actor_of
from duban.web.workflow import selectors

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
