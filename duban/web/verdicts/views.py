"""The office overrules a verdict and sets its light thresholds. Thin: the gate, a form, a service."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from duban.web.access import actor_of, get_or_deny, restrict
from duban.web.orgs.models import Organization
from duban.web.plans.models import Period, Task
from duban.web.verdicts import selectors, services
from duban.web.verdicts.forms import LightsForm, OverrideForm, TolerancesForm


@require_POST
def override(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_or_deny(Task.objects.select_related("plan"), request.user, "judge", pk=task_id)
    form = OverrideForm(request.POST)
    back = f"/tasks/{task.pk}/"
    if not form.is_valid():
        messages.error(request, "认定未保存：" + "；".join(_errors(form)))
        return redirect(back)
    period = (
        restrict(Period.objects.filter(plan_id=task.plan_id), request.user)
        .filter(pk=form.cleaned_data["period"])
        .first()
    )
    if period is None:
        raise Http404
    from duban.web.dashboard.verdicts import period_judgement

    current = period_judgement(task.plan, period).tasks.get(task.pk)
    automatic = current.override.automatic if current and current.override else ""
    automatic = automatic or (current.verdict if current else "")
    try:
        services.override_set(
            task,
            period,
            verdict=form.cleaned_data["verdict"],
            reason=form.cleaned_data["reason"],
            automatic=automatic,
            actor=request.user,
        )
    except services.VerdictError as exc:
        messages.error(request, f"认定未保存：{exc}")
    else:
        messages.success(
            request, "督查室认定已保存。" if form.cleaned_data["verdict"] else "已撤销认定。"
        )
    return redirect(f"{back}?period={period.pk}")


def lights(request: HttpRequest, org_id: int) -> HttpResponse:
    """The light thresholds and, in a second form (`form=tolerances`), the 左右 tolerances."""
    org = get_or_deny(Organization.objects.all(), request.user, "judge", pk=org_id)
    current, about = selectors.settings_for(org.pk)
    form = LightsForm(
        initial={"yellow_below": current.yellow_below, "red_below": current.red_below}
    )
    tolerances = TolerancesForm(
        initial={
            "about_points": about.about_points,
            "about_amount_percent": round(about.about_amount_share * 100, 2),
        }
    )
    if request.method == "POST":
        posted: LightsForm | TolerancesForm
        save: Callable[..., object]
        if request.POST.get("form") == "tolerances":
            posted = tolerances = TolerancesForm(request.POST)
            save, done = services.tolerances_set, "研判容差已保存。"
        else:
            posted = form = LightsForm(request.POST)
            save, done = services.thresholds_set, "亮灯标准已保存。"
        if posted.is_valid():
            try:
                save(org, **posted.cleaned_data, actor=request.user)
            except services.VerdictError as exc:
                posted.add_error(None, str(exc))
            else:
                messages.success(request, done)
                return redirect(request.path)
    ctx = {
        "org": org,
        "form": form,
        "tolerances": tolerances,
        "current": current,
        "about": about,
        "actor": actor_of(request.user),
    }
    return render(request, "verdicts/lights.html", ctx)


def _errors(form) -> list[str]:
    return [
        f"{form.fields[k].label if k in form.fields else ''}{'：' if k in form.fields else ''}{e}"
        for k, errs in form.errors.items()
        for e in errs
    ]
