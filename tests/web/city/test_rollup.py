"""The city's roll-up: each sharing district's figures exactly as the district's own dashboard
shows them (counts per verdict, late units, red tasks), read through the gate; a district that
does not share is named only; the roll-up is the city office's and leaders' page."""

from __future__ import annotations

from django.urls import reverse

from duban.web.cityview.selectors import city_rollup
from tests.web.city.conftest import share


def _district_dashboard(client, district_office, period):
    client.force_login(district_office)
    response = client.get(reverse("dashboard", args=[period.plan_id]), {"period": period.pk})
    assert response.status_code == 200
    dash = response.context["dash"]
    client.logout()
    late = tuple(sorted(r.unit.name for r in dash.units if r.late))
    red = tuple(sorted(tid for tid, v in dash.judgement.tasks.items() if v.light == "red"))
    return dash.counts, late, red


def test_it_shows_both_districts_as_their_own_dashboards_do(city, world, client):
    share(city.districts["峄城区"], world.users["office"])
    share(city.districts["台儿庄区"], world.users["other_office"])
    offices = {"峄城区": world.users["office"], "台儿庄区": world.users["other_office"]}
    rollup = city_rollup(city.org, city.users["city_office"])
    assert [d.organization.name for d in rollup.districts] == ["台儿庄区", "峄城区"]
    for row in rollup.districts:
        assert row.shared is True
        (figures,) = row.plans
        name = row.organization.name
        assert figures.period == city.periods[name]
        counts, late, red = _district_dashboard(client, offices[name], city.periods[name])
        assert figures.counts == counts
        assert figures.late_units == late == ("区财政局",)
        assert tuple(sorted(t.pk for t, _ in figures.red_tasks)) == red
        assert [t.seq for t, _ in figures.red_tasks] == [1]  # behind, below the red threshold
        assert figures.total == 3
    assert rollup.totals == {
        v: sum(d.plans[0].counts[v] for d in rollup.districts) for v in rollup.totals
    }
    assert rollup.late_units == 2


def test_the_page_lists_the_figures_and_links_into_the_district(city, world, client):
    share(city.districts["峄城区"], world.users["office"])
    client.force_login(city.users["city_leader"])
    response = client.get(reverse("city_rollup", args=[city.org.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    plan = city.periods["峄城区"].plan
    assert f'id="district-{city.districts["峄城区"].pk}-plan-{plan.pk}"' in page
    assert reverse("dashboard", args=[plan.pk]) in page
    assert "区财政局" in page
    # 台儿庄区 does not share: named, nothing of it.
    assert f'class="district-not-shared" id="district-{city.districts["台儿庄区"].pk}"' in page
    other_plan = city.periods["台儿庄区"].plan
    assert reverse("dashboard", args=[other_plan.pk]) not in page


def test_a_district_that_does_not_share_shows_no_figures(city):
    rollup = city_rollup(city.org, city.users["city_office"])
    assert [(d.shared, d.plans) for d in rollup.districts] == [(False, []), (False, [])]


def test_a_round_not_published_is_not_in_the_rollup(city, world):
    share(city.districts["峄城区"], world.users["office"])
    rollup = city_rollup(city.org, city.users["city_office"])
    row = next(d for d in rollup.districts if d.organization.name == "峄城区")
    assert [p.period for p in row.plans] == [world.q3]  # Q4 is open: not the city's


def test_only_the_city_office_and_leaders_see_the_rollup(city, world, client):
    url = reverse("city_rollup", args=[city.org.pk])
    expected = {
        city.users["city_office"]: 200,
        city.users["city_leader"]: 200,
        city.users["city_unit"]: 403,  # inside the city, not its role
        world.users["office"]: 404,  # a district's office: another organization
        world.users["leader"]: 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
