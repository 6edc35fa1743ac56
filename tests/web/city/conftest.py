"""A city (枣庄市) over two districts, the world's 峄城区 and 台儿庄区, each with its Q3 published
and a report marked late; the city's office, leader and a reporter of a city unit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class City:
    org: object
    districts: dict  # name → Organization
    periods: dict  # district name → its published Q3
    users: dict


@pytest.fixture
def city(world) -> City:
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization, Unit
    from duban.web.plans.models import Period, Report

    org = Organization.objects.create(name="枣庄市", level="市")
    districts = {d.name: d for d in Organization.objects.filter(name__in=["峄城区", "台儿庄区"])}
    Organization.objects.filter(pk__in=[d.pk for d in districts.values()]).update(parent=org)
    periods = {}
    for name, district in districts.items():
        district.refresh_from_db()
        period = Period.objects.get(plan__organization=district, end_month=9)
        Period.objects.filter(pk=period.pk).update(state=Period.State.PUBLISHED)
        period.refresh_from_db()
        periods[name] = period
        # One report of each district reported late: its unit is a late unit of the roll-up.
        Report.objects.filter(period=period, task__seq=2).exclude(unit=None).update(late=True)
    unit = Unit.objects.create(organization=org, name="市发改委", kind=Unit.Kind.DEPARTMENT)
    users = {}
    for username, role, u in (
        ("city_office", "office", None),
        ("city_leader", "leader", None),
        ("city_unit", "unit", unit),
    ):
        user = get_user_model().objects.create_user(username, password="pw-" + username)
        Membership.objects.create(user=user, organization=org, role=role, unit=u)
        users[username] = user
    return City(org, districts, periods, users)


def share(district, actor) -> None:
    from duban.web.cityview.services import sharing_start

    sharing_start(district, actor=actor)
