"""Upload a plan document: keep it under a random token, read it in the background worker (in
an isolated process there), keep what was understood until the office confirms, then import it
in one transaction.

Nothing reaches the database before the confirmation. The parsed plan waits as JSON
(plan_to_dict) in a private folder under var/, named by the token and stamped with its owner,
its organization and its time; a token is good for one user, one organization, UPLOAD_TTL
seconds and one confirmation. The uploaded bytes themselves are deleted as soon as they are read.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from duban.core import model as core
from duban.core.errors import InputError
from duban.core.importers.safety import read_untrusted
from duban.core.revision import PlanDiff
from duban.web.documents.preview import FORMATS, Preview, plan_preview, plan_with_same
from duban.web.documents.wording import error_sentence
from duban.web.orgs.models import Organization
from duban.web.orgs.selectors import org_registry
from duban.web.orgs.services import unit_aliases_add
from duban.web.plans.models import Plan
from duban.web.plans.revisions import plan_revise, revision_preview
from duban.web.plans.services import ImportSummary, plan_import

UPLOAD_SUFFIXES = tuple(FORMATS)
UPLOAD_TTL = 2 * 3600  # seconds a preview waits for its confirmation
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
GONE = "这次上传已失效（已导入、已取消、已过期，或不是您上传的），请重新上传。"


class UploadError(Exception):
    """An upload that cannot go on; the message is one Chinese sentence for the page."""


@dataclass(frozen=True)
class Upload:
    """A read upload waiting for its confirmation."""

    token: str
    user_id: int
    organization_id: int
    filename: str
    suffix: str
    created: float
    plan: core.Plan


def upload_dir() -> Path:
    """var/uploads, or DUBAN_UPLOAD_DIR: a folder every app server and worker mounts when there
    are several (stored by one server, read by any worker, confirmed on any server)."""
    folder = Path(getattr(settings, "DUBAN_UPLOAD_DIR", "") or Path(settings.VAR_DIR) / "uploads")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def display_name(name: str | None) -> str:
    """The file's own name, without any folder, control character or excess length."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[-100:] or "未命名文件"


def upload_store(
    uploaded: UploadedFile, *, organization: Organization, user, year: int | None = None
) -> str:
    """Check the file's name and size, keep its bytes privately under a new token and queue its
    reading for the worker (documents/jobs.py); returns the token. The office follows the
    reading on the preview page."""
    from duban.web.jobs.services import job_enqueue

    filename = display_name(uploaded.name)
    suffix = PurePath(filename).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadError(
            f"“{filename}”：不支持这种文件类型。请上传 {'、'.join(UPLOAD_SUFFIXES)} 文件。"
        )
    limit = settings.DUBAN_UPLOAD_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise UploadError(too_big(filename, limit))
    if not uploaded.size:
        raise UploadError(f"“{filename}”：文件是空的。")
    upload_sweep()
    token = secrets.token_urlsafe(24)
    raw = upload_dir() / f"{token}.upload{suffix}"
    with open(os.open(raw, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    job_enqueue(
        "upload_read",
        upload_job_key(token),
        label=f"读取上传文件“{filename}”",
        params={"token": token, "filename": filename, "suffix": suffix, "year": year},
        organization=organization,
        user=user,
    )
    return token


def upload_job_key(token: str) -> str:
    return f"upload:{token}"


def upload_read(
    token: str,
    *,
    filename: str,
    suffix: str,
    organization_id: int,
    user_id: int,
    year: int | None = None,
) -> Upload:
    """Read a stored upload in an isolated process; the result waits under its token. The
    uploaded bytes are deleted once read, whatever the outcome."""
    raw = upload_dir() / f"{token}.upload{suffix}"
    if not raw.exists():
        raise UploadError(GONE)
    try:
        try:
            organization = Organization.objects.get(pk=organization_id)
            plan = read_untrusted(raw, units=org_registry(organization))
        except InputError as exc:
            raise UploadError(error_sentence(exc, filename)) from exc
    finally:
        raw.unlink(missing_ok=True)
    if not plan.tasks:
        raise UploadError(f"“{filename}”：没有读到任何任务。")
    plan_year = plan.year or (plan.period.year if plan.period else None) or year
    if not plan_year:
        raise UploadError(f"“{filename}”：文件没有写明年度，请在“年度”一栏填写后重新上传。")
    plan = replace(plan, year=plan_year)
    upload = Upload(token, user_id, organization_id, filename, suffix, time.time(), plan)
    _write(upload)
    return upload


def too_big(filename: str | None, limit: int) -> str:
    size = f"{limit / 1048576:.0f} MB" if limit >= 1048576 else f"{limit / 1024:.0f} KB"
    who = f"“{filename}”：文件" if filename else "上传的文件"
    return f"{who}超过 {size} 的上限，请删去无关内容后重新上传。"


def _path(token: str) -> Path:
    if not _TOKEN.match(token or ""):
        raise UploadError(GONE)
    return upload_dir() / f"{token}.json"


def _write(upload: Upload) -> None:
    data = {
        "user_id": upload.user_id,
        "organization_id": upload.organization_id,
        "filename": upload.filename,
        "suffix": upload.suffix,
        "created": upload.created,
        "plan": core.plan_to_dict(upload.plan),
    }
    path = _path(upload.token)
    partial = path.with_suffix(".partial")
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
        json.dump(data, out, ensure_ascii=False)
    partial.replace(path)  # a half-written file is never seen under the token's name


def _read(path: Path, token: str, *, user, organization: Organization) -> Upload:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UploadError(GONE) from exc
    if (
        data.get("user_id") != user.pk
        or data.get("organization_id") != organization.pk
        or time.time() - data.get("created", 0) > UPLOAD_TTL
    ):
        raise UploadError(GONE)
    return Upload(
        token,
        data["user_id"],
        data["organization_id"],
        data["filename"],
        data["suffix"],
        data["created"],
        replace(core.plan_from_dict(data["plan"]), units=org_registry(organization)),
    )


def upload_load(token: str, *, user, organization: Organization) -> Upload:
    """The user's own waiting upload for this organization, or UploadError."""
    return _read(_path(token), token, user=user, organization=organization)


def upload_preview(upload: Upload, organization: Organization) -> Preview:
    """The preview, with what the import would add to or change in the organization's data."""
    existing = set(organization.units.values_list("name", flat=True))
    notes = []
    plan = upload.plan
    if plan.district and plan.district != organization.name:
        notes.append(
            f"文件写的是“{plan.district}”，将导入到本机构“{organization.name}”。请确认没有传错文件。"
        )
    db_plan = _plan_of_year(upload, organization)
    if db_plan is not None:
        notes.append(
            f"本机构已有 {plan.year} 年的任务，确认后按序号补充新任务、更新改动的任务目标；"
            "内容相同的不会重复导入。"
        )
        if plan.period and db_plan.periods.filter(end_month=plan.period.end_month).exists():
            notes.append(
                f"{plan.year} 年{plan.period.label}已有报送期，文件中的进展将补充或更新该期进展。"
            )
    return plan_preview(
        plan,
        filename=upload.filename,
        suffix=upload.suffix,
        existing_units=existing,
        notes=tuple(notes),
    )


def _plan_of_year(upload: Upload, organization: Organization) -> Plan | None:
    """The organization's plan of the upload's year (a read upload has one: upload_read)."""
    assert upload.plan.year is not None
    return Plan.objects.filter(organization=organization, year=upload.plan.year).first()


def upload_revision(upload: Upload, organization: Organization) -> PlanDiff | None:
    """The differences a revised table makes to the plan of its year (调整), when there is one
    and the table changes its tasks; None otherwise."""
    db_plan = _plan_of_year(upload, organization)
    if db_plan is None or not db_plan.tasks.filter(retired_at__isnull=True).exists():
        return None
    diff = revision_preview(db_plan, upload.plan)
    return None if diff.empty else diff


def upload_confirm(
    token: str, *, user, organization: Organization, same: Iterable[str] = ()
) -> ImportSummary:
    """Import the waiting plan in one transaction; the token is spent first, so a second
    confirmation (a double click, a replayed form) finds nothing. `same`: the new names of the
    preview's likely-same pairs the office ticked, each imported as a spelling of its pair.
    A name no unit can have (too long, only punctuation) refuses the import, writing nothing."""
    path = _path(token)
    upload = _read(path, token, user=user, organization=organization)
    preview = upload_preview(upload, organization)
    if preview.name_problems:
        problems = "；".join(str(u.problem) for u in preview.name_problems[:3])
        raise UploadError(f"“{upload.filename}”：{problems}。请在文件中改正后重新上传。")
    ticked = set(same)
    pairs = [p for p in preview.pairs if p.name in ticked]
    plan = plan_with_same(upload.plan, {p.name: p.same_as for p in pairs})
    claimed = path.with_suffix(".claimed")
    try:
        path.rename(claimed)  # atomic: of two confirmations only one gets here
    except FileNotFoundError as exc:
        raise UploadError(GONE) from exc
    try:
        with transaction.atomic():
            db_plan = _plan_of_year(upload, organization)
            if db_plan is not None:
                read = json.dumps(core.plan_to_dict(plan), ensure_ascii=False)
                plan_revise(
                    db_plan, plan, source=upload.filename, document=read.encode(), actor=user
                )
            summary = plan_import(
                plan,
                organization_name=organization.name,
                source=upload.filename,
                actor=user,
            )
            unit_aliases_add(
                organization, [(p.same_as, p.name) for p in pairs if p.existing], actor=user
            )
            return summary
    except InputError as exc:
        raise UploadError(error_sentence(exc, upload.filename)) from exc
    finally:
        claimed.unlink(missing_ok=True)


def upload_discard(token: str, *, user, organization: Organization) -> None:
    """Cancel: delete the user's waiting upload (someone else's is left alone)."""
    path = _path(token)
    _read(path, token, user=user, organization=organization)
    path.unlink(missing_ok=True)


def upload_sweep(now: float | None = None) -> int:
    """Delete expired uploads (and leftovers of interrupted ones); returns how many."""
    now = time.time() if now is None else now
    removed = 0
    for entry in upload_dir().iterdir():
        try:
            if now - entry.stat().st_mtime > UPLOAD_TTL:
                entry.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
