"""What the API answers with. Ids are the database ids (stable); dates and times are ISO 8601."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field, create_model, field_validator

from duban.web.plans.models import REPORT_TEXT_MAX_CHARS


class ErrorOut(Schema):
    code: str = Field(description="not_authenticated, forbidden, not_found, invalid, conflict, …")
    detail: str = Field(description="说明（中文）")
    errors: list[dict] | None = None


class OrganizationOut(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    organization_id: int
    name: str
    kind: str = Field(description="department, town, street, enterprise, group or other")
    aliases: list[str]
    member_ids: list[int] = Field(description="for a group (各镇（街）): its member units")


class PlanOut(Schema):
    id: int
    organization_id: int
    organization: str
    year: int
    title: str


class SectionOut(Schema):
    id: int
    plan_id: int
    number: int
    title: str
    declared_count: int | None
    task_count: int


class ResponsibilityOut(Schema):
    unit_id: int
    unit: str
    role: str = Field(description="lead (牵头) or co (配合)")
    position: int
    name_as_written: str


class FlagOut(Schema):
    kind: str
    label: str
    unit: str | None
    reason: str


class IndicatorOut(Schema):
    metric: str
    unit: str
    target: float
    actual: float | None
    completion: float | None
    schedule: float = Field(description="序时: share due by the period's end month")
    verdict: str
    quote: str
    source: str = Field("text", description="where the actual came from: text, column or milestone")


class OverrideOut(Schema):
    verdict: str = Field(description="the office's verdict (督查室认定)")
    label: str
    author: str
    at: dt.datetime
    automatic: str = Field(description="what the automatic judgement said")
    reason: str | None = Field(description="the office only")


class VerdictOut(Schema):
    period_id: int
    verdict: str = Field(
        description="closed (已办结), completed, on_schedule, in_progress, behind, stalled or not_reported"
    )
    label: str
    explanation: str
    automatic: bool = Field(
        description="false when the office's own verdict (督查室认定) replaces the automatic one"
    )
    override: OverrideOut | None = Field(None, description="the office's verdict in force")
    document_status: str | None = Field(
        None, description="the document's own status for the period (是否达序：否), as written"
    )
    light: str | None = Field(
        None,
        description="red, yellow or green by the office's thresholds; null for 推进中 and 未报送",
    )
    flags: list[FlagOut] = Field(description="members of the organization only")
    indicators: list[IndicatorOut]


class TaskOut(Schema):
    id: int
    plan_id: int
    section_id: int
    seq: int
    target: str
    deadline: str
    ongoing: bool
    units: list[ResponsibilityOut]
    verdict: VerdictOut | None = Field(description="with ?period= only")


class PeriodOut(Schema):
    id: int
    plan_id: int
    year: int
    kind: str = Field(description="month, quarter, half (上半年) or year (全年)")
    label: str
    end_month: int
    deadline: dt.date | None
    state: str = Field(description="open, closed or published")


class ReportOut(Schema):
    id: int
    period_id: int
    task_id: int
    task_seq: int
    unit_id: int | None
    unit: str | None
    text: str
    state: str = Field(description="empty, draft, submitted, returned or accepted")
    version: int
    late: bool
    same_as_previous: bool
    submitted_at: dt.datetime | None
    updated_at: dt.datetime
    return_comment: str | None = Field(description="the office and the report's own unit only")
    internal_note: str | None = Field(description="the office and leaders only")


def no_control_characters(text: str) -> str:
    """Refuse NUL and other control characters (PostgreSQL cannot store NUL in text)."""
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        raise ValueError("文字中有控制字符")
    return text


class ReportWrite(Schema):
    text: str = Field(max_length=REPORT_TEXT_MAX_CHARS)
    version: int = Field(ge=0, le=2**31 - 1, description="the version this text was based on")

    _text = field_validator("text")(no_control_characters)


class ReportSubmit(ReportWrite):
    confirm_same: bool = Field(
        False, description="submit although the text repeats the previous period's"
    )


class VerdictCount(Schema):
    verdict: str
    label: str
    count: int


class SectionFigures(Schema):
    section_id: int
    number: int
    title: str
    task_count: int
    verdicts: list[VerdictCount]


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page of items: {items, total, limit, offset}."""
    return create_model(
        name,
        __base__=Schema,
        __module__=__name__,
        items=(list[item], ...),  # type: ignore[valid-type]  # a type made at run time
        total=(int, ...),
        limit=(int, ...),
        offset=(int, ...),
    )


OrganizationPage = page_of(OrganizationOut, "OrganizationPage")
UnitPage = page_of(UnitOut, "UnitPage")
PlanPage = page_of(PlanOut, "PlanPage")
SectionPage = page_of(SectionOut, "SectionPage")
TaskPage = page_of(TaskOut, "TaskPage")
PeriodPage = page_of(PeriodOut, "PeriodPage")
ReportPage = page_of(ReportOut, "ReportPage")


class UnitFigures(Schema):
    unit_id: int
    unit: str
    led: int = Field(description="tasks it leads (牵头)")
    on_time: int
    late: int
    missing: int = Field(description="led tasks without its report (未报送)")
    behind: int = Field(description="led tasks judged behind or stalled")
    vague: int


class PeriodFigures(Schema):
    period_id: int
    label: str
    verdicts: list[VerdictCount]


class MissingUnit(Schema):
    unit: str
    task_seqs: list[int]


class DashboardOut(Schema):
    plan_id: int
    period_id: int
    task_count: int
    automatic: bool = Field(
        description="false when the office's own verdict (督查室认定) replaces the automatic one"
    )
    light: str | None = Field(
        None, description="red, yellow or green by the office's thresholds; null when not reported"
    )
    verdicts: list[VerdictCount]
    sections: list[SectionFigures]
    units: list[UnitFigures]
    missing_units: list[MissingUnit] = Field(
        default_factory=list, description="未报送: each unit asked and silent, with its tasks"
    )
    trend: list[PeriodFigures] = Field(description="every period the reader may see, in order")


class SearchHitOut(Schema):
    kind: str = Field(description="task (年度任务目标) or report (进展情况)")
    organization_id: int
    plan_id: int
    year: int
    section_id: int
    task_id: int
    task_seq: int
    period_id: int | None
    report_id: int | None
    unit_id: int | None
    unit: str | None
    text: str
    snippet_html: str = Field(description="escaped text around the first match, matches in <mark>")


class SearchOut(Schema):
    query: str
    items: list[SearchHitOut]
    total: int = Field(description="matches listed; with capped, more matched")
    capped: bool = Field(description="more than total matched; the newest total are listed")
    page: int
    pages: int
    page_size: int
    notes: list[str]
