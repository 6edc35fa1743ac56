"""Writes of notices: record one per recipient under a once-only key and queue its delivery;
the round's events (opening, a return) and the daily reminders call these.

A unit's recipients are its contacts (kept by the office and the unit) and the e-mail
addresses of its reporters' accounts; the leaders' are the contacts without a unit and the
leaders' account addresses.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from duban.web.jobs.services import job_enqueue
from duban.web.notices.models import Channel, Contact, Notice, NoticeSettings
from duban.web.orgs.models import Organization, Unit
from duban.web.orgs.naming import issuing_office
from duban.web.plans.models import Period, Report

WORDING = Path(__file__).resolve().parent / "wording.toml"
MISSING_STATES = (Report.State.EMPTY, Report.State.DRAFT, Report.State.RETURNED)


@dataclass(frozen=True)
class Recipient:
    name: str
    channel: str
    address: str
    secret: str = ""
    contact: Contact | None = None

    @property
    def tag(self) -> str:
        """Short and stable: the same recipient on another day gets the same tag."""
        raw = f"{self.channel}:{self.address}"
        return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _accounts(**membership) -> list[Recipient]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, **{f"membership__{k}": v for k, v in membership.items()})
        .exclude(email="")
        .order_by("username")
    )
    return [Recipient(u.get_full_name() or u.username, Channel.EMAIL, u.email) for u in users]


def _unique(recipients: list[Recipient]) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for r in recipients:
        seen.setdefault(r.tag, r)
    return list(seen.values())


def unit_recipients(unit: Unit) -> list[Recipient]:
    contacts = [
        Recipient(c.name, c.channel, c.address, c.secret, c)
        for c in Contact.objects.filter(unit=unit, active=True)
    ]
    return _unique(contacts + _accounts(unit=unit))


def leader_recipients(organization: Organization) -> list[Recipient]:
    contacts = [
        Recipient(c.name, c.channel, c.address, c.secret, c)
        for c in Contact.objects.filter(organization=organization, unit=None, active=True)
    ]
    return _unique(contacts + _accounts(organization=organization, role="leader"))


def notice_settings(organization: Organization) -> NoticeSettings:
    found = NoticeSettings.objects.filter(organization=organization).first()
    return found or NoticeSettings(organization=organization)


@cache
def _default_wording() -> dict[str, dict[str, str]]:
    return tomllib.loads(WORDING.read_text(encoding="utf-8"))


def wording(organization: Organization, kind: str, **fields: object) -> tuple[str, str]:
    """(subject, body) of a notice in the organization's wording (its own, else the default)."""
    texts = {**_default_wording()[kind], **notice_settings(organization).wording.get(kind, {})}
    values = {"office": issuing_office(organization), **fields}
    try:
        return texts["subject"].format(**values), texts["body"].format(**values)
    except (KeyError, IndexError, ValueError):  # an office's own text naming an unknown field
        default = _default_wording()[kind]
        return default["subject"].format(**values), default["body"].format(**values)


def notice_send(
    organization: Organization,
    kind: str,
    key: str,
    recipient: Recipient,
    subject: str,
    body: str,
    *,
    period: Period | None = None,
    unit: Unit | None = None,
) -> Notice:
    """Record the notice under its key (once) and queue its delivery (once)."""
    key = f"{key}:{recipient.tag}"
    notice = Notice.objects.filter(key=key).first()
    if notice is None:
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    organization=organization,
                    period=period,
                    unit=unit,
                    contact=recipient.contact,
                    kind=kind,
                    recipient=recipient.name[:100],
                    channel=recipient.channel,
                    address=recipient.address,
                    secret=recipient.secret,
                    subject=subject[:200],
                    body=body,
                    key=key[:255],
                )
        except IntegrityError:
            notice = Notice.objects.get(key=key)
    job_enqueue(
        "notice_deliver",
        f"deliver:{notice.key}"[:255],
        label=f"{notice.get_kind_display()} → {notice.recipient}",
        params={"notice": notice.pk},
        organization=organization,
    )
    return notice


def missing_by_unit(period: Period) -> dict[Unit, list[int]]:
    """Units with reports still missing (未填报, 草稿, 已退回), with their task numbers."""
    missing: dict[Unit, list[int]] = defaultdict(list)
    rows = (
        Report.objects.filter(period=period, state__in=MISSING_STATES, unit__isnull=False)
        .select_related("unit", "task")
        .order_by("unit__name", "task__seq")
    )
    for r in rows:
        assert r.unit is not None  # unit__isnull=False
        missing[r.unit].append(r.task.seq)
    return dict(missing)


def _deadline(period: Period) -> str:
    return f"{period.deadline:%Y年%-m月%-d日}" if period.deadline else "规定时限"


def _tasks(seqs: list[int]) -> str:
    return "、".join(str(s) for s in seqs)


def round_opened(period: Period) -> int:
    """Tell every unit with slots in the new round what it has to report; returns how many."""
    organization = period.plan.organization
    slots: dict[Unit, list[int]] = defaultdict(list)
    for r in (
        Report.objects.filter(period=period, unit__isnull=False)
        .select_related("unit", "task")
        .order_by("unit__name", "task__seq")
    ):
        assert r.unit is not None  # unit__isnull=False
        slots[r.unit].append(r.task.seq)
    sent = 0
    for unit, seqs in slots.items():
        subject, body = wording(
            organization,
            "opening",
            period=period,
            deadline=_deadline(period),
            unit=unit.name,
            tasks=_tasks(seqs),
            count=len(seqs),
        )
        for recipient in unit_recipients(unit):
            key = f"opening:{period.pk}:{unit.pk}"
            notice_send(
                organization, "opening", key, recipient, subject, body, period=period, unit=unit
            )
            sent += 1
    return sent


def report_returned(report: Report) -> int:
    """Tell the unit that a report came back, with the office's comment."""
    if report.unit is None:
        return 0
    organization = report.period.plan.organization
    subject, body = wording(
        organization,
        "returned",
        period=report.period,
        seq=report.task.seq,
        unit=report.unit.name,
        comment=report.return_comment,
    )
    key = f"returned:{report.pk}:{report.version}"
    recipients = unit_recipients(report.unit)
    for recipient in recipients:
        notice_send(
            organization, "returned", key, recipient, subject, body,
            period=report.period, unit=report.unit,
        )  # fmt: skip
    return len(recipients)


def reminders_for(period: Period, kind: str, days: int, today: date) -> int:
    """The day's reminder (before, on or after the deadline) to each unit still missing
    reports; keyed by the day, so the day's reminder goes once."""
    organization = period.plan.organization
    sent = 0
    for unit, seqs in missing_by_unit(period).items():
        subject, body = wording(
            organization,
            kind,
            period=period,
            deadline=_deadline(period),
            days=days,
            unit=unit.name,
            tasks=_tasks(seqs),
            count=len(seqs),
        )
        key = f"{kind}:{period.pk}:{unit.pk}:{today.isoformat()}"
        for recipient in unit_recipients(unit):
            notice_send(organization, kind, key, recipient, subject, body, period=period, unit=unit)
            sent += 1
    return sent


def contact_add(
    organization: Organization, unit: Unit | None, *, name: str, channel: str, address: str,
    secret: str = "", actor=None,
) -> Contact:  # fmt: skip
    """A contact for a unit (or, without one, for the leaders); the address already checked
    by channels.clean_address (the form does it)."""
    from duban.web.audit.services import audit_record, snapshot

    with transaction.atomic():
        contact = Contact.objects.create(
            organization=organization,
            unit=unit,
            name=name,
            channel=channel,
            address=address,
            secret=secret,
            updated_by=actor if actor is not None and actor.is_authenticated else None,
        )
        audit_record("contact_add", contact, actor=actor, after=_visible(snapshot(contact)))
    return contact


def contact_remove(contact: Contact, *, actor=None) -> None:
    """Stop using a contact; the row stays, as the notices sent to it point at it."""
    from duban.web.audit.services import audit_record, snapshot

    with transaction.atomic():
        before = _visible(snapshot(contact))
        contact.active = False
        contact.save(update_fields=["active", "updated_at"])
        audit_record("contact_remove", contact, actor=actor, before=before)


def _visible(data: dict) -> dict:
    """An audit snapshot without a robot's signing secret."""
    return {**data, "secret": "***" if data.get("secret") else ""}


def notice_settings_save(
    organization: Organization, values: dict, calendar: list[tuple[date, bool]], *, actor=None
) -> NoticeSettings:
    from duban.web.audit.services import audit_record, snapshot
    from duban.web.notices.models import CalendarDay

    with transaction.atomic():
        rules, _ = NoticeSettings.objects.get_or_create(organization=organization)
        before = snapshot(rules)
        for name, value in values.items():
            setattr(rules, name, value)
        rules.save()
        CalendarDay.objects.filter(organization=organization).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(organization=organization, day=d, working=w) for d, w in calendar
        )
        after = {**snapshot(rules), "calendar": [f"{d} {'班' if w else '休'}" for d, w in calendar]}
        audit_record("notice_settings", rules, actor=actor, before=before, after=after)
    return rules
