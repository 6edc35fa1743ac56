"""The official documents of a period made in the background: the table (DOCX, XLSX, PDF), the
督查通报 (DOCX, PDF), one unit's report (DOCX) and the published table (DOCX, PDF).

A file is named by the data it was made from: the job's key holds a stamp of the period's
reports and the plan, so while nothing changes every request gets the same finished file, and
the first request after a change makes a new one. Files go to Django's default storage (a
folder under var/ or an S3-compatible bucket: settings.STORAGES).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count, Max, Sum
from django.utils import timezone

from duban.core import model as core
from duban.web.dashboard.verdicts import DocumentJudgement, for_documents, period_judgement
from duban.web.disclosure.selectors import export_marking, period_withheld
from duban.web.jobs.models import Job
from duban.web.jobs.services import job_again, job_enqueue
from duban.web.orgs.models import Unit
from duban.web.orgs.naming import bulletin_wording, issuing_office
from duban.web.plans import seam
from duban.web.plans.models import Period, Report

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Export:
    """One kind of document: its formats, its name, whether it is published, and its maker."""

    formats: tuple[str, ...]
    title: str  # after the period's name: 2021年第三季度落实情况表
    public: bool
    dated: bool  # carries today's date, so a new day makes a new file
    make: Callable[[Period, str, Unit | None, dict], bytes]


def _judged(period: Period) -> tuple[core.Plan, DocumentJudgement]:
    """The plan's reported texts and the one period judgement (overrides applied), so a document
    says what the pages say."""
    judgement = for_documents(period_judgement(period.plan, period))
    return seam.to_core(period.plan, period), judgement


def _table(period: Period, fmt: str, unit: Unit | None, options: dict) -> bytes:
    from duban.core.render.export import export_table
    from duban.web.evidence.selectors import export_items

    plan, judgement = _judged(period)
    marking = export_marking(period)
    return export_table(plan, fmt, judgement, marking=marking, evidence=export_items(period))


def _bulletin(period: Period, fmt: str, unit: Unit | None, options: dict) -> bytes:
    """options: what the office sets on the bulletin's form (rounds/bulletin.py: issue_no,
    issued YYYY-MM-DD, basis_no, addressees, the section numbers to include)."""
    from duban.core.render.export import export_bulletin

    plan, judgement = _judged(period)
    allowed = {k: options[k] for k in ("issue_no", "issued", "basis_no") if k in options}
    allowed.update(bulletin_wording(period.plan.organization))  # series, addressees
    if options.get("addressees"):  # the bulletin form's (rounds/bulletin.py), over the default
        allowed["addressees"] = options["addressees"]
    if options.get("sections"):  # the form's choice: only these sections' tasks
        from duban.web.rounds.bulletin import only_sections

        plan, judgement = only_sections(plan, judgement, options["sections"])
    office = issuing_office(period.plan.organization)
    marking = export_marking(period)
    return export_bulletin(
        plan,
        fmt,
        office=office,
        marking=marking,
        judgement=judgement,
        missing=judgement.missing,
        **allowed,
    )


def _unit_report(period: Period, fmt: str, unit: Unit | None, options: dict) -> bytes:
    from duban.core.render.export import export_bulletin
    from duban.web.evidence.selectors import export_items

    assert unit is not None
    plan, judgement = _judged(period)
    return export_bulletin(
        plan,
        fmt,
        unit=unit.name,
        judgement=judgement,
        marking=export_marking(period),
        evidence=export_items(period, unit.pk),  # 佐证材料 of the unit's reports
    )


def published_plan(period: Period) -> core.Plan:
    """The plan with the period's accepted reports only (a draft is never published), without
    what the office marked 不宜公开."""
    withheld = period_withheld(period)
    return seam.to_core(
        period.plan,
        period,
        states=(Report.State.ACCEPTED,),
        skip_tasks=withheld.task_ids,
        skip_reports=withheld.report_ids,
    )


def _public_table(period: Period, fmt: str, unit: Unit | None, options: dict) -> bytes:
    from duban.core.render.export import export_table

    return export_table(published_plan(period), fmt)


EXPORTS: dict[str, Export] = {
    "table": Export(("docx", "xlsx", "pdf"), "落实情况表", False, False, _table),
    "bulletin": Export(("docx", "pdf"), "督查通报", False, True, _bulletin),
    "unit_report": Export(("docx",), "落实情况", False, False, _unit_report),
    "public_table": Export(("docx", "pdf"), "落实情况表", True, False, _public_table),
}


def data_stamp(period: Period) -> str:
    """Changes whenever anything an export reads changes: the period's reports (their number,
    versions and newest change), the plan's structure (the judgement cache's stamp), the
    office's decisions on verdicts (overrides, lights, tolerances) and the marks 不宜公开."""
    from duban.web.verdicts.cache import stamp
    from duban.web.verdicts.selectors import decisions_stamp

    agg = Report.objects.filter(period=period).aggregate(
        n=Count("id"), versions=Sum("version"), last=Max("updated_at")
    )
    last = agg["last"].isoformat() if agg["last"] else "-"
    plain = (
        f"{period.pk}:{period.state}:{period.label}:{period.plan.organization.name}:"
        f"{stamp(period.plan_id)}:{agg['n']}:{agg['versions'] or 0}:{last}:"
        f"{period_withheld(period).stamp()}:{decisions_stamp(period)}"
    )
    return hashlib.sha256(plain.encode()).hexdigest()[:16]


def file_name(period: Period, what: str, unit: Unit | None, fmt: str) -> str:
    """The name the reader's browser saves the file under."""
    middle = unit.name if unit is not None else ""
    return f"{period}{middle}{EXPORTS[what].title}.{fmt}"


def export_request(
    period: Period,
    what: str,
    fmt: str,
    *,
    unit: Unit | None = None,
    user=None,
    options: dict | None = None,
) -> Job:
    """The job making this document from the current data (and `options`, JSON values such as a
    bulletin's issue number): found, or queued now. A finished job whose file has gone (swept
    after a month) is queued again."""
    spec = EXPORTS[what]
    if fmt not in spec.formats:
        raise ValueError(f"{what} has no {fmt} format")
    options = options or {}
    day = f":{timezone.localdate().isoformat()}" if spec.dated else ""
    chosen = hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:8]
    key = f"export:{what}:{fmt}:{period.pk}:{unit.pk if unit else 0}:{data_stamp(period)}{day}" + (
        f":{chosen}" if options else ""
    )
    job = job_enqueue(
        "export",
        key,
        label=f"导出 {file_name(period, what, unit, fmt)}",
        params={
            "what": what,
            "fmt": fmt,
            "period": period.pk,
            "unit": unit.pk if unit else None,
            "options": options,
        },
        organization=period.plan.organization,
        user=user,
        public=spec.public,
    )
    if job.state == Job.State.DONE and not default_storage.exists(job.result.get("file", "")):
        job_again(job)
        job.refresh_from_db()
    return job


def run_export(job: Job, ctx) -> dict:
    """The handler: render, then store under a name made from the job's key, so a repeated
    attempt writes the same one file."""
    params = job.params
    period = Period.objects.select_related("plan__organization").get(pk=params["period"])
    unit = Unit.objects.get(pk=params["unit"]) if params.get("unit") else None
    what, fmt = params["what"], params["fmt"]
    ctx.progress(10, "生成 PDF（LibreOffice）" if fmt == "pdf" else "生成文件")
    content = EXPORTS[what].make(period, fmt, unit, params.get("options") or {})
    ctx.progress(90, "保存文件")
    digest = hashlib.sha256(job.key.encode()).hexdigest()[:24]
    stored = f"exports/{period.plan.organization_id}/{digest}.{fmt}"
    if default_storage.exists(stored):
        default_storage.delete(stored)
    stored = default_storage.save(stored, ContentFile(content))
    return {
        "file": stored,
        "name": file_name(period, what, unit, fmt),
        "content_type": CONTENT_TYPES[fmt],
        "size": len(content),
        "made": timezone.localdate().isoformat(),
    }
