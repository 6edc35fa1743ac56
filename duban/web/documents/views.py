"""The office uploads a plan document, sees what was understood, then confirms or cancels.

Thin: the gate (access.py: the office may change its own organization), a form, a service.
"""

from __future__ import annotations

from contextlib import suppress

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from duban.web.access import actor_of, get_or_deny
from duban.web.documents import services
from duban.web.documents.forms import UploadForm
from duban.web.documents.limits import SizeLimitHandler
from duban.web.jobs.models import Job
from duban.web.orgs.models import Organization
from duban.web.plans.views import deny_anonymous

SESSION_KEY = "duban_uploads"  # the tokens this login session may confirm or cancel
_BODY_SLACK = 64 * 1024  # multipart headers and the other fields around the file


def _organization(request: HttpRequest, org_id: int) -> Organization | HttpResponse:
    try:
        return get_or_deny(Organization.objects.all(), request.user, "change", pk=org_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)


@csrf_exempt  # the CSRF check runs in _upload, once the size limit is in place
def upload(request: HttpRequest, org_id: int) -> HttpResponse:
    # Installed before anything reads the body: an oversized file is never stored whole.
    limit = SizeLimitHandler(request, settings.DUBAN_UPLOAD_MAX_BYTES)
    request.upload_handlers.insert(0, limit)
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    if request.method == "POST":
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > settings.DUBAN_UPLOAD_MAX_BYTES + _BODY_SLACK:
            # Refused unread; safe without the CSRF check, as nothing is written.
            message = services.too_big(None, settings.DUBAN_UPLOAD_MAX_BYTES)
            return _form(request, org, _refused(message))
    return _upload(request, org, limit)


@csrf_protect
def _upload(request: HttpRequest, org: Organization, limit: SizeLimitHandler) -> HttpResponse:
    if request.method != "POST":
        return _form(request, org, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if limit.exceeded:
        name = services.display_name(limit.refused_name)
        message = services.too_big(name, settings.DUBAN_UPLOAD_MAX_BYTES)
        return _form(request, org, _refused(message, request.POST))
    if not form.is_valid():
        return _form(request, org, form)
    try:
        token = services.upload_store(
            form.cleaned_data["file"],
            organization=org,
            user=request.user,
            year=form.cleaned_data["year"],
        )
    except services.UploadError as exc:
        form.add_error("file", str(exc))
        return _form(request, org, form)
    tokens = [t for t in request.session.get(SESSION_KEY, []) if t != token][-4:]
    request.session[SESSION_KEY] = [*tokens, token]
    return redirect(reverse("document_preview", args=[org.pk, token]))


@require_GET
def preview(request: HttpRequest, org_id: int, token: str) -> HttpResponse:
    """While the worker reads the upload: its progress (refreshing itself); then what was
    understood, to confirm or cancel; or, if it could not be read, the form with the reason."""
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    job = None
    if token in request.session.get(SESSION_KEY, []):
        job = Job.objects.filter(key=services.upload_job_key(token), organization=org).first()
    if job is None:
        return _form(request, org, _refused(services.GONE))
    polling = bool(request.headers.get("HX-Request"))
    if not job.finished:
        template = "jobs/_status.html" if polling else "documents/reading.html"
        ctx = {"org": org, "job": job, "outer_poll": True, "actor": actor_of(request.user)}
        return render(request, template, ctx)
    if polling:  # finished: the whole page again, now with the preview or the reason
        return HttpResponse(headers={"HX-Refresh": "true"})
    if job.state == Job.State.FAILED:
        return _form(request, org, _refused(job.error or services.GONE))
    try:
        upload = services.upload_load(token, user=request.user, organization=org)
    except services.UploadError as exc:
        return _form(request, org, _refused(str(exc)))
    ctx = {
        "org": org,
        "token": token,
        "preview": services.upload_preview(upload, org),
        "revision": services.upload_revision(upload, org),
        "actor": actor_of(request.user),
    }
    return render(request, "documents/preview.html", ctx)


def _refused(message: str, data=None) -> UploadForm:
    """The form again with one sentence beside the file field (in place of 'required')."""
    form = UploadForm(data if data is not None else {}, MultiValueDict())
    form.is_valid()
    form.errors["file"] = form.error_class([message])
    return form


def _form(request: HttpRequest, org: Organization, form: UploadForm) -> HttpResponse:
    ctx = {
        "org": org,
        "form": form,
        "max_mb": settings.DUBAN_UPLOAD_MAX_BYTES / 1048576,
        "actor": actor_of(request.user),
    }
    return render(request, "documents/upload.html", ctx)


def _own_token(request: HttpRequest) -> str:
    """The token of the form, if this login session holds it (else one no file matches)."""
    token = request.POST.get("token", "")
    return token if token in request.session.get(SESSION_KEY, []) else ""


def _forget(request: HttpRequest, token: str) -> None:
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]


@require_POST
def confirm(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    token = _own_token(request)
    try:
        summary = services.upload_confirm(
            token, user=request.user, organization=org, same=request.POST.getlist("same")
        )
    except services.UploadError as exc:
        messages.error(request, f"没有导入：{exc}")
        return redirect(reverse("document_upload", args=[org.pk]))
    finally:
        _forget(request, token)
    messages.success(request, "导入完成。" + "；".join(summary.lines()))
    return redirect(reverse("plan", args=[summary.plan_id]))


@require_POST
def cancel(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _organization(request, org_id)
    if isinstance(org, HttpResponse):
        return org
    token = _own_token(request)
    with suppress(services.UploadError):  # already gone: cancelling again changes nothing
        services.upload_discard(token, user=request.user, organization=org)
    _forget(request, token)
    messages.success(request, "已取消，上传的文件已删除，没有导入任何内容。")
    return redirect(reverse("document_upload", args=[org.pk]))
