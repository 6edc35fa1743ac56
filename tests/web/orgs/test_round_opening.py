"""Opening a round: the office sees who each group asks, picks them, and sees the slots per unit
before anything is created; its pick is kept for the next round."""

from __future__ import annotations

from duban.web.plans.models import Period, Report


def url(world):
    return f"/plans/{world.plan.pk}/rounds/new/"


def opening_form(group, members, **extra):
    """The round's fields, and the members ticked for one group."""
    form = {"label": "11月", "end_month": 11, "kind": "month", "deadline": "2099-12-05"}
    return {**form, "group": group.pk, f"member-{group.pk}": members, **extra}


def towns(world):
    return world.units["各镇（街）"]


def test_it_shows_each_group_with_its_members_and_the_slots_per_unit_creating_nothing(
    world, as_user
):
    reports, periods = Report.objects.count(), Period.objects.count()
    page = as_user(world.users["office"]).get(url(world))
    assert page.status_code == 200
    opening = page.context["opening"]
    (group,) = opening.groups
    assert group.group.name == "各镇（街）" and group.tasks == 1
    assert len(group.chosen) == 7
    assert opening.slots == 12  # 1 + 7 for task 1, 2 for task 2, 2 for task 3
    assert dict((u.name, n) for u, n in opening.slots_per_unit)["底阁镇"] == 1
    html = page.content.decode()
    assert f'name="member-{group.group.pk}"' in html
    assert (Report.objects.count(), Period.objects.count()) == (reports, periods)


def test_it_previews_a_pick_without_keeping_it(world, as_user):
    group = towns(world)
    one = world.units["底阁镇"]
    page = as_user(world.users["office"]).post(
        url(world),
        opening_form(group, [one.pk], action="preview"),
    )
    assert page.status_code == 200
    assert page.context["opening"].slots == 1 + 1 + 2 + 2
    assert not world.plan.periods.filter(end_month=11).exists()
    assert group.members.count() == 7


def test_it_opens_with_the_pick_and_remembers_it_for_the_next_round(world, as_user):
    from duban.web.audit.models import AuditEvent

    group = towns(world)
    picked = [world.units["底阁镇"].pk, world.units["坛山街道"].pk]
    office = as_user(world.users["office"])
    response = office.post(
        url(world),
        opening_form(group, picked),
    )
    assert response.status_code == 302
    period = world.plan.periods.get(end_month=11)
    names = sorted(period.reports.filter(task__seq=1).values_list("unit__name", flat=True))
    assert names == ["区发改局", "坛山街道", "底阁镇"]
    assert sorted(group.members.values_list("pk", flat=True)) == sorted(picked)
    event = AuditEvent.objects.get(action="group_members_pick")
    assert event.after == {"members": ["坛山街道", "底阁镇"]} and len(event.before["members"]) == 7
    again = office.get(url(world)).context["opening"]
    assert again.groups[0].chosen == frozenset(picked)


def test_it_asks_nobody_for_a_group_with_nothing_ticked_and_says_so(world, as_user):
    group = towns(world)
    page = as_user(world.users["office"]).post(
        url(world),
        opening_form(group, [], action="preview"),
    )
    assert page.context["opening"].groups_without_members == ("各镇（街）",)
    assert "没有勾选任何单位" in page.content.decode()


def test_it_ignores_a_unit_of_another_organization_in_the_pick(world, as_user):
    from duban.web.orgs.models import Unit

    group = towns(world)
    foreign = Unit.objects.exclude(organization=world.org).filter(kind="department").first()
    response = as_user(world.users["office"]).post(
        url(world),
        opening_form(group, [foreign.pk, world.units["底阁镇"].pk]),
    )
    assert response.status_code == 302
    period = world.plan.periods.get(end_month=11)
    assert not period.reports.filter(unit__organization=foreign.organization).exists()
    assert list(group.members.values_list("name", flat=True)) == ["底阁镇"]


def test_a_later_import_keeps_the_offices_pick(world, as_user, example_units):
    from dataclasses import replace

    from duban.web.plans.services import plan_import
    from tests.web.conftest import small_plan

    group = towns(world)
    picked = [world.units["底阁镇"].pk]
    response = as_user(world.users["office"]).post(url(world), opening_form(group, picked))
    assert response.status_code == 302
    plan_import(replace(small_plan(), units=example_units), source="again")
    assert list(group.members.values_list("pk", flat=True)) == picked


def test_it_says_which_groups_got_no_slot_once_the_round_is_open(world, as_user):
    group = towns(world)
    office = as_user(world.users["office"])
    page = office.post(url(world), opening_form(group, []), follow=True)
    assert "以下单位组没有勾选报送单位，未生成填报项：各镇（街）。" in page.content.decode()
    period = world.plan.periods.get(end_month=11)
    assert not period.reports.filter(unit__kind="town").exists()
