"""The city's pages: the roll-up of its districts (its office and leaders), and a district's
setting to share its published periods with its parent (its office). Thin: the gate
(access.py), a selector or a service, the page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.web.access import actor_of, get_or_deny
from duban.web.cityview import selectors, services
from duban.web.cityview.models import ParentSharing, shares_with_parent
from duban.web.dashboard.verdicts import LABELS, VERDICTS
from duban.web.orgs.models import Organization
from duban.web.plans.views import deny_anonymous


def city_rollup(request: HttpRequest, org_id: int) -> HttpResponse:
    try:
        city = get_or_deny(Organization.objects.all(), request.user, "oversee", pk=org_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    ctx = {
        "city": city,
        "rollup": selectors.city_rollup(city, request.user),
        "verdicts": [(v, LABELS[v]) for v in VERDICTS],
        "actor": actor_of(request.user),
    }
    return render(request, "cityview/rollup.html", ctx)


def parent_sharing(request: HttpRequest, org_id: int) -> HttpResponse:
    try:
        district = get_or_deny(
            Organization.objects.select_related("parent"), request.user, "change", pk=org_id
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "share":
                services.sharing_start(district, actor=request.user)
                messages.success(request, "已开始向上级机构共享已发布报送期的详情。")
            elif action == "stop":
                services.sharing_stop(district, actor=request.user)
                messages.success(request, "已停止向上级机构共享。")
            else:
                raise services.SharingError("没有这种操作。")
        except services.SharingError as exc:
            messages.error(request, str(exc))
        return redirect("parent_sharing", district.pk)
    ctx = {
        "district": district,
        "shared": shares_with_parent(district),
        "history": ParentSharing.objects.filter(organization=district).select_related(
            "started_by", "ended_by"
        ),
    }
    return render(request, "cityview/sharing.html", ctx)
