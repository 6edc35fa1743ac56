"""Template filters available in every template (registered as a builtin in settings)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from duban.core.judgement.labels import LIGHT_LABELS, VERDICT_LABELS

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] or None: templates cannot index a dict by a variable."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def pending_count(user) -> int:
    """In-app notice: how many of the user's unit's slots in open rounds still need writing
    (未填报, 草稿, 已退回). Zero for everyone but unit reporters."""
    from duban.web.access import EDITABLE_REPORT_STATES, actor_of
    from duban.web.plans.models import Period, Report

    unit_id = actor_of(user).unit_id
    if unit_id is None:
        return 0
    return Report.objects.filter(
        unit_id=unit_id,
        period__state=Period.State.OPEN,
        state__in=EDITABLE_REPORT_STATES,
    ).count()


@register.filter
def mark_quotes(text: str, quotes) -> str:
    """The report text, escaped, with the judgement's evidence quotes wrapped in <mark>."""
    out = str(escape(text))
    for quote in quotes or ():
        q = str(escape(quote))
        if q and q in out:
            out = out.replace(q, f"<mark>{q}</mark>", 1)
    return mark_safe(out)  # safe: every piece was escaped above


@register.inclusion_tag("plans/_light_counts.html")
def light_counts(verdicts, tasks):
    """How many of these tasks (or task ids) show each light; those with none (推进中, 未报送)
    counted by their verdict, never as one another."""
    counts = {"red": 0, "yellow": 0, "green": 0, "in_progress": 0, "not_reported": 0}
    for t in tasks or ():
        v = verdicts.get(getattr(t, "pk", t)) if verdicts else None
        if v is not None:
            key = v.light or v.verdict
            counts[key] = counts.get(key, 0) + 1
    rows = [(light, f"{LIGHT_LABELS[light]}灯") for light in ("red", "yellow", "green")]
    rows += [(verdict, VERDICT_LABELS[verdict]) for verdict in ("in_progress", "not_reported")]
    return {"rows": [(key, label, counts[key]) for key, label in rows]}


@register.filter
def flags_for(verdict, report) -> list:
    """The verdict's flags about this report's unit, shown beside the report."""
    if verdict is None or report is None:
        return []
    name = report.unit.name if report.unit_id else None
    return [f for f in verdict.flags if f.unit and f.unit == name]


@register.filter
def figure(value) -> str:
    """A figure as written: 12.1, 3737, 0.25 (no trailing zeros, no exponent)."""
    if value is None:
        return "—"
    return f"{float(value):.4f}".rstrip("0").rstrip(".")
