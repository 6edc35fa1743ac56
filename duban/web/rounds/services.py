"""Writes of a reporting round. Each service owns its transaction and its audit event."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from duban.web.audit.services import audit_record, snapshot
from duban.web.orgs.models import Unit
from duban.web.plans.models import Period, Plan, Report, ReportVersion
from duban.web.plans.services import (
    StaleReport,
    check_report_text,
    report_conflict,
    report_draft,
    report_locked,
    report_version,
)
from duban.web.rounds.opening import Picks, group_members_pick
from duban.web.search.services import search_index_report
from duban.web.workflow.closing import open_tasks

# A text this similar to the unit's previous one needs an explicit confirmation to submit.
SAME_AS_PREVIOUS_RATIO = 0.9


class RoundError(Exception):
    """A round action refused, with the reason in Chinese for the page."""


class NeedsConfirmation(RoundError):
    """The text repeats the previous period's; submitting it needs the reporter's confirmation."""


@dataclass(frozen=True)
class RoundOpened:
    period: Period
    slots: int
    groups_without_members: tuple[str, ...]


def round_open(
    plan: Plan,
    *,
    label: str,
    end_month: int,
    kind: str = Period.Kind.QUARTER,
    deadline: dt.date | None = None,
    picks: Picks | None = None,
    actor,
) -> RoundOpened:
    """Open a period: one empty report slot for every (task, responsible unit), lead and co;
    a group such as 各镇（街） stands for its member units — those the office picks (`picks`:
    group → units, kept for the next round), else those it picked before (rounds/opening.py)."""
    if not 1 <= end_month <= 12:
        raise RoundError("截止月份应在 1 至 12 之间")
    with transaction.atomic():
        if Period.objects.filter(plan=plan, kind=kind, end_month=end_month).exists():
            raise RoundError(f"{plan.year}年{label}已经开启过")
        if picks:
            group_members_pick(plan, picks, actor=actor)
        period = Period.objects.create(
            plan=plan,
            year=plan.year,
            label=label,
            end_month=end_month,
            kind=kind,
            deadline=deadline,
            state=Period.State.OPEN,
        )
        slots: dict[tuple[int, int], None] = {}
        empty_groups: list[str] = []
        tasks = (
            open_tasks(plan)  # in force and not closed (办结): a closed task has no more slots
            .prefetch_related("responsibilities__unit__members")
            .order_by("seq")
        )
        for task in tasks:
            for resp in task.responsibilities.all():
                for unit in _reporting_units(resp.unit, empty_groups):
                    slots.setdefault((task.pk, unit.pk), None)
        Report.objects.bulk_create(
            Report(period=period, task_id=t, unit_id=u, state=Report.State.EMPTY) for t, u in slots
        )
        audit_record(
            "round_open",
            period,
            actor=actor,
            after={**snapshot(period), "slots": len(slots)},
        )
        from duban.web.notices.services import round_opened

        round_opened(period)  # each unit's opening notice, queued with the round
    return RoundOpened(period, len(slots), tuple(dict.fromkeys(empty_groups)))


def _reporting_units(unit: Unit, empty_groups: list[str]) -> list[Unit]:
    if unit.kind != Unit.Kind.GROUP:
        return [unit]
    members = [m for m in unit.members.all() if m.kind != Unit.Kind.GROUP]
    if not members:
        empty_groups.append(unit.name)
    return members


def previous_report(report: Report) -> Report | None:
    """The same unit's report on the same task in the latest earlier period of the plan."""
    return (
        Report.objects.filter(
            task_id=report.task_id,
            unit=report.unit_id,
            period__plan_id=report.period.plan_id,
            period__end_month__lt=report.period.end_month,
        )
        .exclude(text="")
        .select_related("period")  # the editor names the previous period
        .order_by("-period__end_month")
        .first()
    )


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def repeats_previous(text: str, previous: str | None) -> bool:
    if not previous:
        return False
    a, b = _normalise(text), _normalise(previous)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SAME_AS_PREVIOUS_RATIO


class _Unread(enum.Enum):
    """previous_report not read yet (None is an answer: no previous report)."""

    TOKEN = 0


_UNREAD = _Unread.TOKEN


def report_submit(
    report: Report,
    *,
    text: str,
    actor,
    expected_version: int,
    confirm_same: bool = False,
    previous: Report | _Unread | None = _UNREAD,
) -> Report:
    """Submit a unit's report (报送): saves the text as a version, marks it late after the
    deadline and flags a text repeating the previous period's.

    An edited text is saved as a draft version first and then submitted, as two versions and
    two audit events, in one transaction. `previous` is previous_report(report) when the caller
    has read it already.
    """
    if not text.strip():
        raise RoundError("进展情况不能为空")
    check_report_text(text)
    if previous is _UNREAD:
        previous = previous_report(report)
    same = repeats_previous(text, previous.text if previous else None)
    if same and not confirm_same:
        raise NeedsConfirmation("本期进展与上期几乎相同，请修改，或勾选确认后再报送")
    edited = report.text != text or report.version != expected_version
    with transaction.atomic():
        current = report_locked(report.pk, lock_period=True)
        stale = current.version != expected_version
        if stale:
            if edited:  # a refused edit stays in the audit log, as report_save keeps it
                report_conflict(current, text=text, actor=actor, expected_version=expected_version)
        else:
            if current.period.state != Period.State.OPEN:
                raise RoundError("本轮填报已结束，不能再报送")
            versions: list[ReportVersion] = []
            if edited:
                draft_before, draft_after = report_draft(current, text=text, actor=actor)
                versions.append(report_version(current, actor))
            before = snapshot(current)
            now = timezone.now()
            deadline = current.period.deadline
            current.state = Report.State.SUBMITTED
            current.submitted_at = now
            current.late = deadline is not None and timezone.localdate(now) > deadline
            current.same_as_previous = same
            current.author = actor
            # A state change is a version too, so the history reads as it happened.
            current.version += 1
            versions.append(report_version(current, actor))
            current.save()
            ReportVersion.objects.bulk_create(versions)
            if edited:
                search_index_report(current, task=current.task)
                audit_record(
                    "report_save", current, actor=actor, before=draft_before, after=draft_after
                )
            audit_record(
                "report_submit", current, actor=actor, before=before, after=snapshot(current)
            )
    if stale:
        raise StaleReport(current.version)
    return current


@dataclass(frozen=True)
class MilestoneJudgement:
    """The reviewer's word on the period's 形象进度: met or not, and why."""

    met: bool
    reason: str = ""


def report_accept(report: Report, *, actor, milestone: MilestoneJudgement | None = None) -> Report:
    return _review(report, Report.State.ACCEPTED, "", actor, "report_accept", milestone)


def report_return(
    report: Report, *, comment: str, actor, milestone: MilestoneJudgement | None = None
) -> Report:
    """Return a report to its unit with a comment the unit sees (退回)."""
    if not comment.strip():
        raise RoundError("退回时请写明意见")
    returned = _review(
        report, Report.State.RETURNED, comment.strip(), actor, "report_return", milestone
    )
    from duban.web.notices.services import report_returned

    report_returned(returned)  # queued: the unit's contacts hear of it from the worker
    return returned


def _review(
    report: Report,
    state: str,
    comment: str,
    actor,
    action: str,
    milestone: MilestoneJudgement | None,
) -> Report:
    with transaction.atomic():
        current = report_locked(report.pk, lock_period=True)
        if current.period.state != Period.State.OPEN:
            raise RoundError("本轮填报已结束，不能再审核")
        if current.state != Report.State.SUBMITTED:
            raise RoundError("只能审核已报送的进展")
        before = snapshot(current)
        current.state = state
        current.return_comment = comment
        current.reviewed_at = timezone.now()
        if milestone is not None:
            current.milestone_met = milestone.met
            current.milestone_reason = milestone.reason.strip()[:200]
        current.version += 1  # a state change is a version too
        current.save()
        report_version(current, actor).save()
        audit_record(action, current, actor=actor, before=before, after=snapshot(current))
    return current


def round_close(period: Period, *, actor) -> Period:
    """Close the round (结束): its reports are frozen and form the period's official table."""
    closed = _period_move(
        period,
        to=Period.State.CLOSED,
        source=Period.State.OPEN,
        refused="本轮已经公开，不能再结束",
        action="round_close",
        actor=actor,
    )
    _warm_judgement(closed)
    return closed


OPEN_NOT_PUBLISHED = "本轮填报尚未结束，请先结束填报再公开"


def period_publish(period: Period, *, actor) -> Period:
    """Make a closed period's accepted reports readable by anyone (公开); an open round is
    refused (its units are still writing, and their editors would fail)."""
    return _period_move(
        period,
        to=Period.State.PUBLISHED,
        source=Period.State.CLOSED,
        refused=OPEN_NOT_PUBLISHED,
        action="period_publish",
        actor=actor,
    )


def period_unpublish(period: Period, *, reason: str, actor) -> Period:
    """Withdraw a publication (撤回发布): the period goes back to closed, so the gate's public
    reads (pages, search, the public documents' jobs) no longer find it; the reason is kept in
    the audit event. The public files already made are unlinked and their jobs made private."""
    reason = reason.strip()
    if not reason:
        raise RoundError("撤回发布时请写明原因")
    with transaction.atomic():
        moved = _period_move(
            period,
            to=Period.State.CLOSED,
            source=Period.State.PUBLISHED,
            refused="本期尚未公开，无需撤回",
            action="period_unpublish",
            actor=actor,
            reason=reason[:500],
            again_refused=True,
        )
        _unlink_public_files(moved)
    return moved


def _unlink_public_files(period: Period) -> None:
    """The published documents made of the period: made private, their stored files deleted
    (a job's key holds the period's state, so the next publication makes new ones)."""
    from django.core.files.storage import default_storage

    from duban.web.jobs.models import Job

    jobs = Job.objects.filter(kind="export", public=True, params__period=period.pk)
    stored = [name for job in jobs if (name := (job.result or {}).get("file"))]
    jobs.update(public=False)

    def unlink() -> None:
        for name in stored:
            default_storage.delete(name)

    transaction.on_commit(unlink)  # a rolled-back withdrawal keeps its files


def report_withdraw(report: Report, *, actor) -> Report:
    """A unit takes back its submission (撤回) before the office has reviewed it: the report is
    a draft again, its text kept, and may be submitted anew (late after the deadline)."""
    with transaction.atomic():
        current = report_locked(report.pk, lock_period=True)
        if current.period.state != Period.State.OPEN:
            raise RoundError("本轮填报已结束，不能再撤回")
        if current.state in (Report.State.ACCEPTED, Report.State.RETURNED):
            raise RoundError("督查室已审核，不能再撤回")
        if current.state != Report.State.SUBMITTED:
            raise RoundError("该进展未报送或已撤回，无需撤回")
        before = snapshot(current)
        current.state = Report.State.DRAFT
        current.version += 1  # a state change is a version too
        current.save()
        report_version(current, actor).save()
        audit_record(
            "report_withdraw", current, actor=actor, before=before, after=snapshot(current)
        )
    return current


def _period_move(
    period: Period,
    *,
    to: str,
    source: str,
    refused: str,
    action: str,
    actor,
    reason: str = "",
    again_refused: bool = False,
) -> Period:
    """One step of a period's life (open → closed → published), under the period's lock, with
    its audit event. A period already where the step leads is left alone and nothing is
    recorded (a second click, or two at once) unless `again_refused`; from any state but
    `source` the step is refused.
    """
    with transaction.atomic():
        current = Period.objects.select_for_update().get(pk=period.pk)
        if current.state == to and not again_refused:
            return current
        if current.state != source:
            raise RoundError(refused)
        before = snapshot(current)
        current.state = to
        current.save(update_fields=["state"])
        after = {**snapshot(current), **({"reason": reason} if reason else {})}
        audit_record(action, current, actor=actor, before=before, after=after)
    return current


def _warm_judgement(period: Period) -> None:
    """Queue the closed round's judgement for the worker, so no reader waits for it."""
    from duban.web.jobs.exports import data_stamp
    from duban.web.jobs.services import job_enqueue

    job_enqueue(
        "judgement_warm",
        f"warm:{period.pk}:{data_stamp(period)}",
        label=f"{period} 结束后预先研判",
        params={"period": period.pk},
        organization=period.plan.organization,
    )
