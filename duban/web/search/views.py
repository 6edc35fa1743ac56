"""The search page: parse the query and filters, search as the user, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.web.access import actor_of, restrict
from duban.web.dashboard.verdicts import FLAG_LABELS, LABELS
from duban.web.orgs.models import Organization, Unit
from duban.web.params import query_int
from duban.web.plans.models import Period, Section
from duban.web.search.selectors import SearchFilters, search

_INT_FILTERS = ("organization", "year", "period", "section", "unit")


def filters_from(params) -> SearchFilters:
    verdict = params.get("verdict") if params.get("verdict") in LABELS else None
    flag = params.get("flag") if params.get("flag") in FLAG_LABELS else None
    kind = params.get("kind") if params.get("kind") in ("task", "report") else None
    return SearchFilters(
        **{n: query_int(params, n) for n in _INT_FILTERS}, verdict=verdict, flag=flag, kind=kind
    )


def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    filters = filters_from(request.GET)
    results = search(query, filters, query_int(request.GET, "page") or 1, request.user)
    user = request.user
    periods = restrict(Period.objects.select_related("plan"), user).order_by("-year", "end_month")
    ctx = {
        "query": query,
        "filters": filters,
        "results": results,
        "actor": actor_of(user),
        "organizations": restrict(Organization.objects.all(), user),
        "periods": periods,
        "years": sorted({p.year for p in periods}, reverse=True),
        "sections": restrict(Section.objects.select_related("plan"), user).order_by(
            "-plan__year", "number"
        ),
        "units": restrict(Unit.objects.exclude(kind=Unit.Kind.GROUP), user).order_by("name"),
        "verdicts": LABELS.items(),
        "flags": FLAG_LABELS.items(),
        "params": request.GET.copy(),
    }
    return render(request, "search/search.html", ctx)
