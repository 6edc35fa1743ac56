"""The world of requests: task 2 due in June of this year, the finance bureau's reporter and its
approver (分管负责人), a chain of unit approver → office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from duban.web.accounts.models import Membership
from duban.web.changes.models import ChangeSettings, UnitApprover
from duban.web.dashboard.verdicts import period_judgement
from duban.web.plans.models import Period, Plan, Task

TODAY = dt.date.today()
NEXT_MARCH = dt.date(TODAY.year + 1, 3, 31)


@pytest.fixture
def task2(world):
    """Task 2 (区财政局), an amount of 13亿元 of which 91189万元 (70%) is reported by
    September, due in June of this year; the plan is this year's, so a later date is ahead."""
    Plan.objects.filter(pk=world.plan.pk).update(year=TODAY.year)
    Period.objects.filter(plan=world.plan).update(year=TODAY.year)
    Task.objects.filter(pk=world.tasks[2].pk).update(
        target="一般公共预算收入完成13亿元。", due_year=TODAY.year, due_month=6
    )
    return Task.objects.get(pk=world.tasks[2].pk)


def _user(world, name, role, unit=None):
    user = get_user_model().objects.create_user(name, password="pw")
    Membership.objects.create(user=user, organization=world.org, role=role, unit=unit)
    return user


@pytest.fixture
def finance(world):
    unit = world.units["区财政局"]
    reporter = _user(world, "finance", "unit", unit)
    head = _user(world, "finance_head", "unit", unit)
    UnitApprover.objects.create(user=head, unit=unit)
    ChangeSettings.objects.create(organization=world.org, chain="unit,office")
    return reporter, head


def _verdict(world, task):
    plan = Plan.objects.get(pk=world.plan.pk)
    return period_judgement(plan, plan.periods.get(pk=world.q3.pk)).tasks[task.pk]


def _file(client, user, task, **data):
    client.force_login(user)
    return client.post(reverse("change_request_file", args=[task.pk]), data)


def _decide(client, user, task, req, decision="approve", comment=""):
    client.force_login(user)
    return client.post(
        reverse("change_request_decide", args=[task.pk]),
        {"request": req.pk, "decision": decision, "comment": comment},
    )
