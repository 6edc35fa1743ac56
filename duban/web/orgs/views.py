"""The office's pages for its organization: settings (name, level, wording) and its units
(rename, aliases, merge, the units file). Views parse, authorise (access.py), call, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from duban.core.errors import InputError
from duban.core.units import parse_units, units_toml
from duban.web.access import actor_of, get_or_deny
from duban.web.audit.models import AuditEvent
from duban.web.orgs import decisions
from duban.web.orgs.forms import AliasesForm, OrgSettingsForm, RenameForm, UnitsFileForm
from duban.web.orgs.models import Organization, Unit
from duban.web.orgs.selectors import org_registry
from duban.web.orgs.services import units_apply
from duban.web.params import parse_int
from duban.web.plans.views import deny_anonymous

UNIT_ACTIONS = ("unit_rename", "unit_aliases", "unit_alias", "unit_merge", "units_apply")


def _organization(request: HttpRequest, org_id: int) -> Organization | HttpResponse:
    try:
        return get_or_deny(Organization.objects.all(), request.user, "change", pk=org_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)


def _unit(org: Organization, raw: str | int | None) -> Unit:
    pk = raw if isinstance(raw, int) else parse_int(raw or "")
    unit = org.units.filter(pk=pk).first() if pk else None
    if unit is None:
        raise Http404("no such unit of this organization")
    return unit


def org_settings(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    form = OrgSettingsForm(request.POST or None, instance=Organization.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        decisions.org_settings_update(org, form.cleaned_data, actor=request.user)
        messages.success(request, "机构设置已保存。")
        return redirect(reverse("org_settings", args=[org.pk]))
    ctx = {"org": org, "form": form, "actor": actor_of(request.user)}
    return render(request, "orgs/settings.html", ctx)


def _units_page(request: HttpRequest, org: Organization, **extra) -> HttpResponse:
    units = list(org.units.prefetch_related("members").order_by("kind", "name"))
    history = AuditEvent.objects.filter(organization=org, action__in=UNIT_ACTIONS)[:30]
    ctx = {
        "org": org,
        "units": units,
        "history": history,
        "file_form": UnitsFileForm(),
        "likely": decisions.likely_same_units(org),
        "actor": actor_of(request.user),
        **extra,
    }
    return render(request, "orgs/units.html", ctx)


@require_GET
def units_page(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    return _units_page(request, org)


@require_POST
def unit_change(request: HttpRequest, org_id: int, unit_id: int) -> HttpResponse:
    """Rename a unit or set its aliases (the form's 'do' says which)."""
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    unit = _unit(org, unit_id)
    do = request.POST.get("do")
    if do not in ("rename", "aliases"):
        messages.error(request, "没有保存：请在单位一行中改名或填写别名后保存。")
        return redirect(reverse("org_units", args=[org.pk]))
    try:
        if do == "rename":
            rename = RenameForm(request.POST)
            if not rename.is_valid():
                raise decisions.UnitError("；".join(str(e) for e in rename.errors["name"]))
            decisions.unit_rename(unit, rename.cleaned_data["name"], actor=request.user)
            messages.success(request, f"已改名为“{unit.name}”，原名称保留为别名。")
        else:
            form = AliasesForm(request.POST)
            if not form.is_valid():
                raise decisions.UnitError("；".join(str(e) for e in form.errors["aliases"]))
            aliases = decisions.split_aliases(form.cleaned_data["aliases"])
            decisions.unit_aliases_set(unit, aliases, actor=request.user)
            messages.success(request, f"“{unit.name}”的别名已保存。")
    except decisions.UnitError as exc:
        messages.error(request, f"没有保存：{exc}")
    return redirect(reverse("org_units", args=[org.pk]) + f"#unit-{unit.pk}")


@require_POST
def unit_merge(request: HttpRequest, org_id: int) -> HttpResponse:
    """Merge one unit into another: first the pairs of reports it would join, then, confirmed,
    the merge."""
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    try:
        source = _unit(org, request.POST.get("source"))
        target = _unit(org, request.POST.get("target"))
    except Http404:
        messages.error(request, "没有合并：请选择本机构的两个单位。")
        return redirect(reverse("org_units", args=[org.pk]))
    if request.POST.get("confirm") != "yes":
        ctx = {"source": source, "target": target, "pairs": decisions.merge_pairs(source, target)}
        return _units_page(request, org, merge=ctx)
    try:
        name = source.name
        pairs = decisions.unit_merge(source, target, actor=request.user)
    except decisions.UnitError as exc:
        messages.error(request, f"没有合并：{exc}")
    else:
        messages.success(
            request,
            f"已将“{name}”合并到“{target.name}”"
            + (
                f"，{len(pairs)} 处同期报送的两份进展都已保留（较早的一份为历史版本）"
                if pairs
                else ""
            )
            + "。",
        )
    return redirect(reverse("org_units", args=[org.pk]))


@require_GET
def units_file_download(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    registry = org_registry(org)
    text = units_toml(registry)
    response = HttpResponse(text, content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="units.toml"'
    return response


@require_POST
def units_file_upload(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    form = UnitsFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _units_page(request, org, file_form=form)
    try:
        text = form.cleaned_data["file"].read().decode("utf-8")
        registry = parse_units(text, source=form.cleaned_data["file"].name)
    except UnicodeDecodeError:
        form.add_error("file", "单位文件不是 UTF-8 编码的文本")
        return _units_page(request, org, file_form=form)
    except InputError as exc:
        form.add_error("file", f"{form.cleaned_data['file'].name}：{exc.message}")
        return _units_page(request, org, file_form=form)
    applied = units_apply(org, registry, actor=request.user)
    messages.success(
        request, f"单位文件已读入：新建 {len(applied.created)} 个，更新 {len(applied.updated)} 个。"
    )
    return redirect(reverse("org_units", args=[org.pk]))
