"""One entry per output format, for the CLI and the web app: a Plan in, bytes out."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from duban.core.errors import DubanError
from duban.core.evidence import EvidenceItem
from duban.core.model import Plan
from duban.core.render.bulletin_data import BulletinInfo
from duban.core.render.verdicts import PlanJudgementLike

FORMATS = ("docx", "xlsx", "pdf")


def judge_if_available(plan: Plan) -> PlanJudgementLike | None:
    """The judgement of a plan once `duban.core.judgement` provides judge_plan, else None."""
    try:
        module = importlib.import_module("duban.core.judgement")
    except ImportError:
        return None
    judge = getattr(module, "judge_plan", None)
    return judge(plan) if judge is not None else None


def export_table(
    plan: Plan,
    fmt: str,
    judgement: PlanJudgementLike | None = None,
    *,
    marking: str | None = None,
    evidence: Sequence[EvidenceItem] = (),
) -> bytes:
    """The progress table; `marking` (内部资料) heads every page of a copy not for the public;
    `evidence` (佐证材料) is listed after the Word and PDF tables."""
    from duban.core.render.table_docx import table_docx

    if fmt == "docx":
        return table_docx(plan, marking, evidence)
    if fmt == "pdf":
        from duban.core.render.pdf import docx_to_pdf

        return docx_to_pdf(table_docx(plan, marking, evidence))
    if fmt == "xlsx":
        from duban.core.render.table_xlsx import table_xlsx

        judgement = judgement if judgement is not None else judge_if_available(plan)
        return table_xlsx(plan, judgement, marking)
    raise DubanError(f"不支持的导出格式 {fmt!r}（可用：{', '.join(FORMATS)}）")


def export_bulletin(
    plan: Plan,
    fmt: str,
    *,
    issue_no: int | None = None,
    issued: str | None = None,
    office: str | None = None,
    basis_no: str | None = None,
    series: str | None = None,
    addressees: str | None = None,
    template: Path | None = None,
    unit: str | None = None,
    judgement: PlanJudgementLike | None = None,
    marking: str | None = None,
    missing: Mapping[str, Sequence[int]] | None = None,
    evidence: Sequence[EvidenceItem] = (),
) -> bytes:
    """The bulletin, or one unit's report when `unit` is given, as docx or pdf bytes; `missing`
    (未报送 units → task numbers) when the caller has judged them (the web)."""
    if fmt not in ("docx", "pdf"):
        raise DubanError(f"通报只能导出为 docx 或 pdf，不支持 {fmt!r}")
    try:
        day = date.fromisoformat(issued) if issued else date.today()
    except ValueError as exc:
        raise DubanError(f"日期应写作 YYYY-MM-DD，而不是 {issued!r}") from exc
    info = BulletinInfo(issue_no=issue_no, issued=day, office=office, missing=missing)
    if basis_no:
        info = replace(info, basis_no=basis_no)
    info = replace(info, series=series, addressees=addressees)  # the office's own wording
    judgement = judgement if judgement is not None else judge_if_available(plan)
    if unit:
        from duban.core.render.unit_report_docx import unit_report_docx

        docx = unit_report_docx(plan, unit, judgement, info, marking, evidence)
    else:
        from duban.core.render.bulletin_docx import bulletin_docx

        docx = bulletin_docx(plan, judgement, info, template, marking)
    if fmt == "docx":
        return docx
    from duban.core.render.pdf import docx_to_pdf

    return docx_to_pdf(docx)
