"""The office's accounts pages: its people, a roster import with a preview, a password reset, a
unit's hand-over; and every user's password change (forced after a reset).

Thin: the gate (access.py, action "accounts": the office of the organization), a form, a service.
One-time passwords are rendered once in the answer to the POST that made them and kept nowhere.
"""

from __future__ import annotations

import secrets
import tempfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from duban.core.errors import InputError
from duban.web.access import actor_of, get_or_deny
from duban.web.accounts import reporters, selectors, services
from duban.web.accounts.forms import HandOverForm, RosterForm
from duban.web.accounts.middleware import SESSION_KEY as CHANGE_KEY
from duban.web.accounts.models import Membership
from duban.web.accounts.passwords import policy_lines
from duban.web.documents.services import display_name
from duban.web.documents.wording import error_sentence
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.views import deny_anonymous

ROSTER_KEY = "duban_rosters"  # the roster previews this login session may confirm
ROSTER_MAX_BYTES = 5 * 1024 * 1024


def _organization(request: HttpRequest, org_id: int) -> Organization | HttpResponse:
    try:
        return get_or_deny(Organization.objects.all(), request.user, "accounts", pk=org_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)


def _render(request: HttpRequest, template: str, org: Organization, **ctx) -> HttpResponse:
    return render(request, template, {"org": org, "actor": actor_of(request.user), **ctx})


def accounts_page(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    return _render(request, "accounts/accounts.html", org, view=selectors.organization_people(org))


def roster_upload(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    if request.method != "POST":
        return _render(request, "accounts/roster_upload.html", org, form=RosterForm())
    if int(request.META.get("CONTENT_LENGTH") or 0) > ROSTER_MAX_BYTES + 64 * 1024:
        form = RosterForm()
        form.errors["file"] = form.error_class(["文件超过 5 MB，联络员名单不会这么大。"])
        return _render(request, "accounts/roster_upload.html", org, form=form)
    form = RosterForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, "accounts/roster_upload.html", org, form=form)
    uploaded = form.cleaned_data["file"]
    filename = display_name(uploaded.name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"roster{Path(filename).suffix.lower()}"
        with open(path, "wb") as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
        try:
            roster = reporters.roster_read(path)
        except InputError as exc:
            form.add_error("file", error_sentence(exc, filename))
            return _render(request, "accounts/roster_upload.html", org, form=form)
    token = secrets.token_urlsafe(16)
    kept = dict(list(request.session.get(ROSTER_KEY, {}).items())[-2:])
    kept[token] = {
        "org": org.pk,
        "filename": filename,
        "rows": reporters.rows_to_session(roster.rows),
    }
    request.session[ROSTER_KEY] = kept
    return _preview(request, org, token, filename, reporters.roster_checks(org, roster.rows))


def _preview(request, org, token, filename, checks, message: str = "") -> HttpResponse:
    bad = [c for c in checks if not c.ok]
    ctx = {
        "token": token,
        "filename": filename,
        "checks": sorted(checks, key=lambda c: c.ok),  # the rows to correct first
        "bad": len(bad),
        "existing": sum(c.exists for c in checks),
        "to_create": sum(c.ok and not c.exists for c in checks),
        "message": message,
    }
    return _render(request, "accounts/roster_preview.html", org, **ctx)


@require_POST
def roster_confirm(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    token = request.POST.get("token", "")
    waiting = request.session.get(ROSTER_KEY, {})
    held = waiting.get(token)
    if held is None or held.get("org") != org.pk:
        messages.error(request, "这份名单已导入或已失效，请重新上传。")
        return redirect("roster_upload", org.pk)
    rows = reporters.rows_from_session(held["rows"])
    try:
        outcome = reporters.roster_import(
            org, rows, actor=request.user, skip_problems=request.POST.get("skip") == "1"
        )
    except reporters.RosterNotReady as exc:
        return _preview(request, org, token, held["filename"], exc.checks, exc.message)
    request.session[ROSTER_KEY] = {k: v for k, v in waiting.items() if k != token}
    return _render(
        request,
        "accounts/issued.html",
        org,
        issued=outcome.created,
        outcome=outcome,
        purpose="roster",
    )


def roster_template(request: HttpRequest, org_id: int) -> HttpResponse:
    """An .xlsx to fill in: the header, and the units that have no reporter yet."""
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    from duban.core.render.table_xlsx import append_row, new_workbook

    wb, ws = new_workbook("联络员")
    for row in reporters.roster_template_rows(org):
        append_row(ws, row)
    for column, width in zip("ABCD", (28, 12, 16, 28), strict=True):
        ws.column_dimensions[column].width = width
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''roster-template.xlsx"
    return response


def password_reset(request: HttpRequest, org_id: int, member_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    members = Membership.objects.filter(organization=org).select_related("user", "unit")
    membership = get_or_deny(members, request.user, "accounts", pk=member_id)
    if request.method != "POST":
        return _render(request, "accounts/password_reset.html", org, membership=membership)
    try:
        issued = services.password_reset(membership, actor=request.user)
    except services.AccountError as exc:
        messages.error(request, str(exc))
        return redirect("accounts", org.pk)
    return _render(request, "accounts/issued.html", org, issued=[issued], purpose="reset")


def hand_over(request: HttpRequest, org_id: int, unit_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    unit = get_or_deny(Unit.objects.filter(organization=org), request.user, "accounts", pk=unit_id)
    current = selectors.names(selectors.unit_reporters(unit))
    form = HandOverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = reporters.unit_hand_over(unit, actor=request.user, **form.cleaned_data)
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            return _render(
                request,
                "accounts/issued.html",
                org,
                issued=[done.issued],
                stopped="、".join(done.stopped),
                unit=unit,
                purpose="hand_over",
            )
    return _render(request, "accounts/hand_over.html", org, unit=unit, current=current, form=form)


class PasswordChange(PasswordChangeView):
    """Django's change form, with the policy in words; it ends a forced change."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs) -> dict:
        ctx = super().get_context_data(**kwargs)
        ctx["forced"] = bool(self.request.session.get(CHANGE_KEY))
        ctx["policy"] = policy_lines()
        ctx["actor"] = actor_of(self.request.user)
        return ctx

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(self.request.user)
        self.request.session.pop(CHANGE_KEY, None)
        messages.success(self.request, "密码已修改。")
        return response


password_change = PasswordChange.as_view()


class Login(LoginView):
    """Django's log-in form, with the 统一身份认证 button when single sign-on is on."""

    def get_context_data(self, **kwargs) -> dict:
        ctx = super().get_context_data(**kwargs)
        ctx["sso_label"] = settings.DUBAN_SSO_LABEL if settings.DUBAN_SSO else ""
        return ctx


login = Login.as_view()
