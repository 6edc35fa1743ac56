"""The published table as DOCX or PDF, from the core renderers (duban.core.render.export),
with accepted reports only: a draft left in a closed round is never published."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max

from duban.core import model as core
from duban.web.plans import seam
from duban.web.plans.models import Period, Report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
CACHE_SECONDS = 3600  # a PDF takes LibreOffice seconds; the key changes with any report save


def available() -> list[str]:
    try:
        from duban.core.render.export import export_table  # noqa: F401
    except ImportError:
        return []
    return list(CONTENT_TYPES)


def published_plan(period: Period) -> core.Plan:
    """The plan with the period's accepted reports only."""
    return seam.to_core(period.plan, period, states=(Report.State.ACCEPTED,))


def render(period: Period, fmt: str) -> bytes | None:
    if fmt not in available():
        return None
    from duban.core.render.export import export_table

    stamp = Report.objects.filter(period=period).aggregate(n=Count("id"), at=Max("updated_at"))
    at = stamp["at"].strftime("%Y%m%dT%H%M%S%f") if stamp["at"] else "none"
    key = f"duban-public-{fmt}-{period.pk}-{stamp['n']}-{at}"  # memcached-safe: no spaces
    content = cache.get(key)
    if content is None:
        content = export_table(published_plan(period), fmt)
        cache.set(key, content, CACHE_SECONDS)
    return content
