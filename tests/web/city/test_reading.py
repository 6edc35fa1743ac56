"""The city reads a district's published rounds in detail once the district shares them: its
plan, tasks, dashboard and reports of the published round (marks 不宜公开 included: the city is
not the public); never the open round or its drafts; and search across the city covers what the
districts share, and nothing else."""

from __future__ import annotations

from django.urls import reverse

from duban.web.access import restrict
from duban.web.cityview.services import sharing_stop
from duban.web.disclosure.services import withhold
from duban.web.plans.models import Period, Report, Task
from duban.web.search.selectors import SearchFilters, search
from tests.web.city.conftest import share
from tests.web.conftest import DRAFT_A

SHOWN = "同比增长12.1%"  # 区发改局's Q3 report on task 1, in both districts' tables


def _organizations(hits) -> list[str]:
    return sorted(h.entry.plan.organization.name for h in hits)


def test_a_district_shares_nothing_until_it_chooses_to(city, world, client):
    city_office = city.users["city_office"]
    assert not restrict(Task.objects.filter(plan=world.plan), city_office).exists()
    client.force_login(city_office)
    assert client.get(reverse("plan", args=[world.plan.pk])).status_code == 404
    assert client.get(reverse("dashboard", args=[world.plan.pk])).status_code == 404


def test_once_shared_the_city_reads_the_published_round(city, world, client):
    share(city.districts["峄城区"], world.users["office"])
    client.force_login(city.users["city_leader"])
    for name in ("plan", "dashboard", "dashboard_tasks"):
        response = client.get(reverse(name, args=[world.plan.pk]))
        assert response.status_code == 200, name
        assert response.context["period"] == world.q3, name  # the open Q4 is not offered
    response = client.get(reverse("task", args=[world.tasks[1].pk]))
    assert response.status_code == 200
    assert SHOWN in response.content.decode()
    assert DRAFT_A not in response.content.decode()


def test_the_city_never_sees_the_open_round_or_its_drafts(city, world, client):
    share(city.districts["峄城区"], world.users["office"])
    user = city.users["city_office"]
    assert list(restrict(Period.objects.filter(plan=world.plan), user)) == [world.q3]
    assert not restrict(Report.objects.filter(period=world.q4), user).exists()
    client.force_login(user)
    report = world.drafts["区发改局"]
    assert client.get(reverse("report", args=[report.pk])).status_code == 404


def test_marks_not_for_the_public_are_shared_with_the_city(city, world):
    share(city.districts["峄城区"], world.users["office"])
    withhold(world.tasks[2], reason="涉及未公开的财政数据", actor=world.users["office"])
    tasks = restrict(Task.objects.filter(plan=world.plan), city.users["city_office"])
    assert sorted(tasks.values_list("seq", flat=True)) == [1, 2, 3]


def test_a_city_reporter_reads_nothing_of_a_district(city, world):
    share(city.districts["峄城区"], world.users["office"])
    assert not restrict(Task.objects.filter(plan=world.plan), city.users["city_unit"]).exists()


def test_search_across_the_city_covers_what_the_districts_share(city, world):
    user = city.users["city_office"]
    assert search(SHOWN, SearchFilters(), 1, user).total == 0
    share(city.districts["峄城区"], world.users["office"])
    assert _organizations(search(SHOWN, SearchFilters(), 1, user).hits) == ["峄城区"]
    share(city.districts["台儿庄区"], world.users["other_office"])
    assert _organizations(search(SHOWN, SearchFilters(), 1, user).hits) == ["台儿庄区", "峄城区"]
    sharing_stop(city.districts["台儿庄区"], actor=world.users["other_office"])
    assert _organizations(search(SHOWN, SearchFilters(), 1, user).hits) == ["峄城区"]


def test_a_district_office_sees_nothing_of_its_city_or_sibling(city, world):
    share(city.districts["峄城区"], world.users["office"])
    share(city.districts["台儿庄区"], world.users["other_office"])
    other_plan = city.periods["台儿庄区"].plan
    assert not restrict(Task.objects.filter(plan=other_plan), world.users["office"]).exists()


def test_the_citys_own_plan_comes_first_in_its_pages(city, world):
    from duban.web.plans.models import Plan
    from duban.web.plans.selectors import current_plan

    share(city.districts["峄城区"], world.users["office"])
    assert current_plan(city.users["city_office"]) == world.plan  # only the district's to read
    own = Plan.objects.create(organization=city.org, year=2020, title="2020年市政府工作报告任务")
    # Older than the district's 2021 plan, and still the city's current plan: its menu and
    # home point into its own plan, never into a district's rounds.
    assert current_plan(city.users["city_office"]) == own
    assert current_plan(world.users["office"]) == world.plan
