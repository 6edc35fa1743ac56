"""Dashboard figures and search, from issue 8's selectors (the one place verdicts and search
results come from); the API only reshapes them."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field, field_validator

from duban.web.access import actor_of, get_or_deny
from duban.web.api.params import Id, answers, id_filter
from duban.web.api.schemas import DashboardOut, SearchOut, no_control_characters
from duban.web.dashboard import selectors as dashboard
from duban.web.dashboard.verdicts import FLAG_LABELS, LABELS, VERDICTS
from duban.web.plans import selectors as plan_selectors
from duban.web.plans.models import Plan
from duban.web.search import selectors as search

router = Router()


def _counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"verdict": v, "label": LABELS[v], "count": counts.get(v, 0)} for v in VERDICTS]


class DashboardParams(Schema):
    period: int | None = id_filter("period id; the latest the reader may see when left out")


@router.get("/plans/{plan_id}/dashboard", response=answers(DashboardOut), tags=["统计"])
def plan_dashboard(request, plan_id: Id, params: Query[DashboardParams]):
    """The dashboard page's figures: verdict counts overall, per section and per period, and the
    lead units' rows. Members of the organization only, like the page."""
    user = request.user
    if not actor_of(user).is_member:
        raise Http404
    plan = get_or_deny(Plan.objects.select_related("organization"), user, pk=plan_id)
    periods = plan_selectors.visible_periods(plan, user)
    period = plan_selectors.choose_period(periods, params.period)
    if period is None or (params.period is not None and period.pk != params.period):
        raise Http404
    dash = dashboard.plan_dashboard(plan, period, user)
    return {
        "plan_id": plan.pk,
        "period_id": period.pk,
        "task_count": len(dash.judgement.tasks),
        "automatic": dash.judgement.automatic,
        "verdicts": _counts(dash.counts),
        "sections": [
            {
                "section_id": s.pk,
                "number": s.number,
                "title": s.title,
                "task_count": sum(counts.values()),
                "verdicts": _counts(counts),
            }
            for s, counts in dash.section_counts
        ],
        "units": [
            {
                "unit_id": row.unit.pk,
                "unit": row.unit.name,
                "led": row.led,
                "on_time": row.on_time,
                "late": row.late,
                "missing": row.missing,
                "behind": row.behind,
                "vague": row.vague,
            }
            for row in dash.units
        ],
        "trend": [
            {"period_id": p.pk, "label": str(p), "verdicts": _counts(counts)}
            for p, counts in dash.trends
        ],
        "missing_units": [
            {"unit": unit, "task_seqs": seqs}
            for unit, seqs in sorted(dash.judgement.missing.items())
        ],
    }


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=100, description="words; 引号 for a phrase")
    organization: int | None = id_filter("organization id")
    year: int | None = id_filter("年度")
    period: int | None = id_filter("period id")
    section: int | None = id_filter("section id")
    unit: int | None = id_filter("unit id")
    verdict: Literal[VERDICTS] | None = Field(None, description="needs period")  # type: ignore[valid-type]
    flag: Literal[tuple(FLAG_LABELS)] | None = Field(  # type: ignore[valid-type]
        None, description="needs period; members only"
    )
    kind: Literal["task", "report"] | None = None
    page: int = Field(1, ge=1, le=10_000, description=f"pages of {search.PAGE_SIZE}")

    _q = field_validator("q")(no_control_characters)


@router.get("/search", response=answers(SearchOut), tags=["检索"])
def search_(request, params: Query[SearchParams]):
    """The search page's results, paged like the page (by `page`, 20 a page)."""
    filters = search.SearchFilters(
        organization=params.organization,
        year=params.year,
        period=params.period,
        section=params.section,
        unit=params.unit,
        verdict=params.verdict,
        flag=params.flag,
        kind=params.kind,
    )
    results = search.search(params.q.strip(), filters, params.page, request.user)
    return {
        "query": results.query,
        "items": [
            {
                "kind": h.entry.kind,
                "organization_id": h.entry.organization_id,
                "plan_id": h.entry.plan_id,
                "year": h.entry.year,
                "section_id": h.entry.section_id,
                "task_id": h.entry.task_id,
                "task_seq": h.entry.task.seq,
                "period_id": h.entry.period_id,
                "report_id": h.entry.report_id,
                "unit_id": h.entry.unit_id,
                "unit": h.entry.unit.name if h.entry.unit else None,
                "text": h.entry.text,
                "snippet_html": str(h.snippet),
            }
            for h in results.hits
        ],
        "total": results.total,
        "capped": results.capped,
        "page": results.page,
        "pages": results.pages,
        "page_size": search.PAGE_SIZE,
        "notes": results.notes,
    }
