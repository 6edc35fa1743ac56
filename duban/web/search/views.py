"""The search page: parse the query and filters, search as the user, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.web.access import actor_of, can, get_or_deny, restrict
from duban.web.dashboard.verdicts import FLAG_LABELS, LABELS
from duban.web.orgs.models import Organization, Unit
from duban.web.params import query_int
from duban.web.plans.models import Period, Section
from duban.web.search.selectors import SearchFilters, search
from duban.web.search.synonyms import SynonymError, groups_of, synonyms_save

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
        "can_synonyms": actor_of(user).organization_id is not None
        and can(user, "change", Organization(pk=actor_of(user).organization_id)),
    }
    return render(request, "search/search.html", ctx)


class SynonymForm(forms.Form):
    groups = forms.CharField(
        label="同义词",
        widget=forms.Textarea(attrs={"rows": 20}),
        required=False,
        max_length=30_000,
    )


def synonyms_page(request: HttpRequest, org_id: int) -> HttpResponse:
    """The office's synonym list: one group a line; an empty list falls back to the starter."""
    organization = get_or_deny(Organization.objects.all(), request.user, "change", pk=org_id)
    current = [" ".join(g) for g in groups_of(organization.pk)]
    form = SynonymForm(request.POST or None, initial={"groups": "\n".join(current)})
    if request.method == "POST" and form.is_valid():
        try:
            synonyms_save(organization, form.cleaned_data["groups"], actor=request.user)
        except SynonymError as exc:
            form.add_error("groups", str(exc))
        else:
            messages.success(request, "同义词表已保存。")
            return redirect("search_synonyms", org_id=organization.pk)
    ctx = {
        "organization": organization,
        "form": form,
        "actor": actor_of(request.user),
        "starter": not organization.synonyms.exists(),
    }
    return render(request, "search/synonyms.html", ctx, status=400 if form.errors else 200)
