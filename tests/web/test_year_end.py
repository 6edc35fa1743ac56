"""The year's end: unfinished tasks carried into next year, linked both ways; an archived year is
read-only to everyone (pages, the gate, the API) and still searchable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.web.access import can
from duban.web.plans import yearend
from duban.web.plans.models import Plan, Task
from duban.web.search.selectors import SearchFilters, search


def test_unfinished_tasks_are_carried_into_next_year_and_linked(world, as_user):
    office = as_user(world.users["office"])
    page = office.get(reverse("plan_year_end", args=[world.plan.pk]))
    assert page.status_code == 200
    unfinished = [u.task.seq for u in page.context["unfinished"]]
    assert unfinished  # none of the small plan's tasks is completed in Q3
    office.post(
        reverse("plan_year_end", args=[world.plan.pk]),
        {"action": "carry", "task": [world.tasks[1].pk, world.tasks[3].pk]},
    )
    following = Plan.objects.get(organization=world.org, year=2022)
    carried = list(following.tasks.order_by("seq"))
    assert [(t.seq, t.carried_from_id) for t in carried] == [
        (1, world.tasks[1].pk),
        (2, world.tasks[3].pk),
    ]
    assert carried[0].target == world.tasks[1].target
    assert sorted(carried[0].responsibilities.values_list("unit__name", flat=True)) == sorted(
        world.tasks[1].responsibilities.values_list("unit__name", flat=True)
    )
    new_page = office.get(reverse("task", args=[carried[0].pk])).content.decode()
    assert "2021 年第 1 项结转" in new_page
    old_page = office.get(reverse("task", args=[world.tasks[1].pk])).content.decode()
    assert "结转到 2022 年第 1 项" in old_page
    # Carrying again changes nothing.
    yearend.plan_carry_over(world.plan, [world.tasks[1]], actor=world.users["office"])
    assert following.tasks.count() == 2


def test_an_archived_year_is_read_only_and_still_searchable(world, as_user):
    office_user = world.users["office"]
    with pytest.raises(yearend.YearEndError, match="未结束的填报轮次"):
        yearend.plan_archive(world.plan, actor=office_user)  # Q4 is open
    world.q4.state = "closed"
    world.q4.save()
    office = as_user(office_user)
    office.post(reverse("plan_year_end", args=[world.plan.pk]), {"action": "archive"})
    world.plan.refresh_from_db()
    assert world.plan.archived_at is not None

    draft = world.drafts["区发改局"]
    assert not can(office_user, "review", draft)
    assert not can(office_user, "change", world.tasks[1])
    assert can(office_user, "view", world.tasks[1])
    unit = as_user(world.users["unit_a"])
    assert unit.get(reverse("report_edit", args=[draft.pk])).status_code == 403
    page = office.get(reverse("plan", args=[world.plan.pk])).content.decode()
    assert 'id="archived"' in page
    assert search("预算", SearchFilters(), 1, office_user).total >= 1
    assert Task.objects.filter(plan=world.plan).count() == 3
