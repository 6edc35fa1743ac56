"""Reads of notices for the pages (callers have passed the gate already)."""

from __future__ import annotations

from django.db.models import QuerySet

from duban.web.notices.models import Contact, Notice
from duban.web.orgs.models import Organization, Unit
from duban.web.plans.models import Period

SHOWN = 300


def period_notices(period: Period) -> QuerySet[Notice]:
    """The round's notices, newest first: to whom, what, when, delivered or why not."""
    return Notice.objects.filter(period=period).select_related("unit")[:SHOWN]


def unit_contacts(unit: Unit) -> QuerySet[Contact]:
    return Contact.objects.filter(unit=unit, active=True)


def leader_contacts(organization: Organization) -> QuerySet[Contact]:
    return Contact.objects.filter(organization=organization, unit=None, active=True)


def calendar_text(organization: Organization) -> str:
    days = organization.calendar_days.order_by("day")
    return "\n".join(f"{d.day.isoformat()} {'班' if d.working else '休'}" for d in days)
