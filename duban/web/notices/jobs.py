"""The notices' background jobs: the day's reminders, one delivery, the weekly summary."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from duban.core.workdays import calendar_from, parse_days, reminder_due
from duban.web.jobs.models import Job
from duban.web.jobs.services import JobFailed, JobRetry
from duban.web.notices.channels import DeliveryError, Message
from duban.web.notices.channels import deliver as send
from duban.web.notices.models import CalendarDay, Notice
from duban.web.notices.services import (
    leader_recipients,
    missing_by_unit,
    notice_send,
    notice_settings,
    reminders_for,
    wording,
)
from duban.web.plans.models import Period, Report

KINDS = {
    "before": Notice.Kind.REMINDER,
    "deadline": Notice.Kind.DEADLINE,
    "overdue": Notice.Kind.OVERDUE,
}


def notices_due(job: Job, ctx) -> dict:
    """The reminders the organization's rules call for on the job's day, in each open round."""
    org = job.organization
    assert org is not None  # the scheduler queues notices per organization
    day = date.fromisoformat(job.params["day"])
    rules = notice_settings(org)
    calendar = calendar_from(
        rules.working_days,
        list(CalendarDay.objects.filter(organization=org).values_list("day", "working")),
    )
    before = parse_days(rules.reminder_days) if rules.reminder_days.strip() else ()
    sent = 0
    periods = Period.objects.filter(
        plan__organization=org, state=Period.State.OPEN, deadline__isnull=False
    ).select_related("plan__organization")
    for period in periods:
        assert period.deadline is not None  # deadline__isnull=False
        due = reminder_due(
            day, period.deadline, before, calendar,
            on_deadline=rules.on_deadline, overdue=rules.overdue_daily,
        )  # fmt: skip
        if due is not None:
            sent += reminders_for(period, KINDS[due.kind], due.days, day)
    return {"notices": sent}


def deliver(job: Job, ctx) -> dict:
    """Send one notice unless it went already; a failure is recorded on the notice and tried
    again by the job (kinds.py: 5 tries, growing delays) — other notices are separate jobs."""
    notice = Notice.objects.get(pk=job.params["notice"])
    if notice.state == Notice.State.SENT:
        return {"sent": False, "already": True}
    message = Message(
        notice.channel, notice.address, notice.secret, notice.subject, notice.body, notice.key
    )
    try:
        send(message)
    except DeliveryError as exc:
        final = job.attempts >= job.max_attempts
        Notice.objects.filter(pk=notice.pk).update(
            attempts=notice.attempts + 1,
            error=str(exc),
            state=Notice.State.FAILED if final else Notice.State.PENDING,
        )
        raise (JobFailed if final else JobRetry)(str(exc)) from exc
    Notice.objects.filter(pk=notice.pk).update(
        attempts=notice.attempts + 1, state=Notice.State.SENT, sent_at=timezone.now(), error=""
    )
    return {"sent": True}


def weekly_summary(job: Job, ctx) -> dict:
    """Each open round's reporting, in a few lines, to the leaders."""
    org = job.organization
    assert org is not None  # the scheduler queues notices per organization
    lines = []
    periods = Period.objects.filter(plan__organization=org, state=Period.State.OPEN)
    for period in periods.order_by("end_month"):
        units = Report.objects.filter(period=period, unit__isnull=False).values("unit").distinct()
        missing = missing_by_unit(period)
        late = Report.objects.filter(period=period, late=True).count()
        deadline = f"，截止 {period.deadline:%-m月%-d日}" if period.deadline else ""
        lines.append(
            f"{period}{deadline}：应报单位 {units.count()} 个，尚有 {len(missing)} 个单位"
            f"未报完（{sum(len(s) for s in missing.values())} 项），逾期报送 {late} 项。"
        )
    if not lines:
        return {"notices": 0}
    subject, body = wording(org, "summary", summary="\n".join(lines))
    recipients = leader_recipients(org)
    for recipient in recipients:
        notice_send(org, Notice.Kind.SUMMARY, job.key, recipient, subject, body)
    return {"notices": len(recipients)}
