"""The office's reminder settings and leaders' contacts, and a unit's contacts (kept by the
office and by the unit's own reporters). Views parse, authorise (access.py), call, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.web.access import actor_of, get_or_deny
from duban.web.notices import selectors, services
from duban.web.notices.forms import ContactForm, SettingsForm
from duban.web.notices.models import Contact
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.views import deny_anonymous


def _contact_post(request: HttpRequest, organization: Organization, unit: Unit | None):
    """Add a contact, or stop one (`remove` = its id); the form again when it is wrong."""
    if "remove" in request.POST:
        found = Contact.objects.filter(
            organization=organization, unit=unit, pk=request.POST.get("remove", "0") or 0
        ).first()
        if found is not None:
            services.contact_remove(found, actor=request.user)
            messages.success(request, f"已停用联系人“{found.name}”。")
        return None
    form = ContactForm(request.POST)
    if not form.is_valid():
        return form
    services.contact_add(organization, unit, actor=request.user, **form.cleaned_data)
    messages.success(request, f"已添加联系人“{form.cleaned_data['name']}”。")
    return None


def unit_contacts(request: HttpRequest, unit_id: int) -> HttpResponse:
    try:
        unit = get_or_deny(
            Unit.objects.select_related("organization"), request.user, "contacts", pk=unit_id
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    form = ContactForm()
    if request.method == "POST":
        form = _contact_post(request, unit.organization, unit)
        if form is None:
            return redirect("unit_contacts", unit_id=unit.pk)
    ctx = {
        "unit": unit,
        "contacts": selectors.unit_contacts(unit),
        "form": form,
        "actor": actor_of(request.user),
    }
    return render(request, "notices/unit_contacts.html", ctx)


def notice_settings(request: HttpRequest, org_id: int) -> HttpResponse:
    try:
        org = get_or_deny(Organization.objects.all(), request.user, "change", pk=org_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    rules = services.notice_settings(org)
    form = SettingsForm(
        instance=rules,
        initial={
            "summary_weekday": rules.summary_weekday,
            "calendar": selectors.calendar_text(org),
        },
    )
    contact_form = ContactForm()
    if request.method == "POST" and "settings" in request.POST:
        form = SettingsForm(request.POST, instance=rules)
        if form.is_valid():
            values = {
                k: form.cleaned_data[k] for k in (*SettingsForm.Meta.fields, "summary_weekday")
            }
            services.notice_settings_save(
                org, values, form.cleaned_data["calendar"], actor=request.user
            )
            messages.success(request, "提醒设置已保存。")
            return redirect("notice_settings", org_id=org.pk)
    elif request.method == "POST":
        contact_form = _contact_post(request, org, None)
        if contact_form is None:
            return redirect("notice_settings", org_id=org.pk)
    ctx = {
        "org": org,
        "form": form,
        "contact_form": contact_form,
        "leaders": selectors.leader_contacts(org),
        "units": org.units.exclude(kind=Unit.Kind.GROUP).order_by("name"),
        "actor": actor_of(request.user),
    }
    return render(request, "notices/settings.html", ctx)
