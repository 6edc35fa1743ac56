"""Evidence pages: upload to a report, the file and its thumbnail (after the gate), removal,
and the office's settings. Views parse, authorise (access.py), call a service, render."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from duban.web.access import actor_of, can, get_or_deny
from duban.web.evidence import services
from duban.web.evidence.models import Attachment, EvidenceReader
from duban.web.evidence.templatetags.evidence import editor_context
from duban.web.orgs.models import Organization
from duban.web.plans.models import Report
from duban.web.plans.views import deny_anonymous


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_POST
def upload(request: HttpRequest, report_id: int) -> HttpResponse:
    """Attach the chosen files; each refused one is said in a sentence, the others kept."""
    try:
        report = get_or_deny(
            Report.objects.select_related("period__plan__organization", "task", "unit"),
            request.user,
            "change",
            pk=report_id,
        )
    except Http404 as exc:
        return deny_anonymous(request, exc)
    errors: list[str] = []
    added: list[Attachment] = []
    try:
        uploads = request.FILES.getlist("file")
    except TooManyFilesSent:
        uploads, errors = [], ["一次最多上传 5 个文件，请分批上传。"]
    if not uploads and not errors:
        errors.append("请先选择要上传的文件。")
    for upload in uploads:
        try:
            added.append(services.attachment_add(report, upload, actor=request.user))
        except services.EvidenceError as exc:
            errors.append(str(exc))
    if _is_htmx(request):
        ctx = editor_context(request, report, errors=errors, added=added)
        return render(request, "evidence/_editor.html", ctx)
    for error in errors:
        messages.error(request, error)
    if added:
        messages.success(request, f"已上传 {len(added)} 个佐证材料，将随下次保存或报送提交。")
    return redirect("report_edit", report_id=report.pk)


def _attachment(request: HttpRequest, attachment_id: int) -> Attachment:
    return get_or_deny(
        Attachment.objects.select_related("report"), request.user, "view", pk=attachment_id
    )


def _served(request: HttpRequest, key: str, content_type: str, name: str, inline: bool):
    try:
        stored = default_storage.open(key, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(stored, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in name)
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Never a page: whatever a file holds, a browser runs nothing from it.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-cache"
    return response


def download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """The file: a photo shown as an image, anything else downloaded."""
    try:
        found = _attachment(request, attachment_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    return _served(request, found.key, found.content_type, found.name, found.is_image)


def thumbnail(request: HttpRequest, attachment_id: int) -> HttpResponse:
    try:
        found = _attachment(request, attachment_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    if not found.thumbnail_key:
        raise Http404
    return _served(request, found.thumbnail_key, "image/jpeg", f"{found.pk}-thumb.jpg", True)


@require_POST
def remove(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Leave a file out of the report from its next version on (kept in the earlier ones)."""
    try:
        found = _attachment(request, attachment_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    if not can(request.user, "change", found.report):
        raise PermissionDenied
    services.attachment_remove(found, actor=request.user)
    report = Report.objects.select_related("period__plan__organization").get(pk=found.report_id)
    if _is_htmx(request):
        return render(request, "evidence/_editor.html", editor_context(request, report))
    messages.success(request, f"已移除“{found.name}”（历史版本中仍保留）。")
    return redirect("report_edit", report_id=found.report_id)


class SettingsForm(forms.Form):
    max_mb = forms.IntegerField(label="单个文件上限（MB）", min_value=1, max_value=1024)
    max_files = forms.IntegerField(label="每份报告文件数上限", min_value=1, max_value=50)
    readers = forms.ModelMultipleChoiceField(
        label="可查看佐证材料的领导",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def settings_page(request: HttpRequest, org_id: int) -> HttpResponse:
    """The office's limits for evidence, and which leaders may read it."""
    org = get_or_deny(Organization.objects.all(), request.user, "change", pk=org_id)
    leaders = (
        get_user_model()
        .objects.filter(membership__organization=org, membership__role="leader")
        .order_by("username")
    )
    limits = services.limits_for(org.pk)
    current = list(EvidenceReader.objects.filter(organization=org).values_list("user", flat=True))
    initial = {
        "max_mb": limits.max_bytes // (1024 * 1024),
        "max_files": limits.max_files,
        "readers": current,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    form.fields["readers"].queryset = leaders  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_set(org, **form.cleaned_data, actor=request.user)
        except services.EvidenceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "佐证材料设置已保存。")
            return redirect(request.path)
    ctx = {"org": org, "form": form, "actor": actor_of(request.user)}
    return render(request, "evidence/settings.html", ctx)
