"""Following a background job: its page (state, progress, the file when ready), the file itself,
and the office's list of its organization's jobs. Views parse, authorise (access.py), render."""

from __future__ import annotations

from urllib.parse import quote

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from duban.web.access import actor_of, get_or_deny, restrict
from duban.web.jobs.models import Job
from duban.web.orgs.models import Organization
from duban.web.plans.views import deny_anonymous

RECENT = 100


def _job(request: HttpRequest, job_id: int) -> Job:
    return get_or_deny(Job.objects.select_related("organization"), request.user, pk=job_id)


@require_GET
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's state; while it runs the status part refreshes itself (HTMX, every second)."""
    try:
        job = _job(request, job_id)
    except Http404 as exc:
        return deny_anonymous(request, exc)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/job.html"
    return render(request, template, {"job": job, "actor": actor_of(request.user)})


def attachment(job: Job) -> FileResponse:
    """The job's finished file as a download (a Chinese name per RFC 5987, ASCII fallback)."""
    name = job.result.get("file", "")
    if job.state != Job.State.DONE or not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"), content_type=job.result.get("content_type")
    )
    shown = job.result.get("name") or name.rsplit("/", 1)[-1]
    suffix = shown.rsplit(".", 1)[-1]
    response["Content-Disposition"] = (
        f"attachment; filename=\"duban.{suffix}\"; filename*=UTF-8''{quote(shown)}"
    )
    return response


@require_GET
def job_file(request: HttpRequest, job_id: int) -> FileResponse:
    return attachment(_job(request, job_id))


def served_or_followed(job: Job) -> HttpResponseBase:
    """A download's answer: the file when it is ready, else the job's page to wait on."""
    if job.state == Job.State.DONE:
        try:
            return attachment(job)
        except Http404:
            pass
    return redirect(reverse("job", args=[job.pk]))


@require_GET
def jobs_page(request: HttpRequest, org_id: int) -> HttpResponse:
    """The organization's recent background jobs, newest first: what, state, tries, why failed."""
    org = get_or_deny(Organization.objects.all(), request.user, "oversee", pk=org_id)
    jobs = restrict(Job.objects.filter(organization=org), request.user)[:RECENT]
    return render(
        request, "jobs/jobs.html", {"org": org, "jobs": jobs, "actor": actor_of(request.user)}
    )
