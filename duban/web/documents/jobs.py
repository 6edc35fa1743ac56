"""Reading an uploaded document in the background: the worker, not the office's request, pays
for the isolated read (seconds for a large file, a LibreOffice conversion for .doc/.wps/.xls)."""

from __future__ import annotations

from duban.web.documents.services import UploadError, upload_read
from duban.web.jobs.models import Job
from duban.web.jobs.services import JobFailed


def read_upload(job: Job, ctx) -> dict:
    params = job.params
    assert job.organization_id is not None and job.requested_by_id is not None  # upload_store
    ctx.progress(10, "读取文件（在隔离进程中）")
    try:
        upload = upload_read(
            params["token"],
            filename=params["filename"],
            suffix=params["suffix"],
            organization_id=job.organization_id,
            user_id=job.requested_by_id,
            year=params.get("year"),
        )
    except UploadError as exc:
        raise JobFailed(str(exc)) from exc
    return {"token": upload.token, "tasks": len(upload.plan.tasks)}
