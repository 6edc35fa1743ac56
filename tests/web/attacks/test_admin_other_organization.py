"""Fault 2 of the outside test: the office of one organization wrote into another's through the
admin. The list was limited, the foreign keys were not: POST /admin/plans/period/add/ with the
other organization's plan id, then /admin/plans/report/add/ with its task and unit, published a
period of the other organization with an injected report. Every ModelAdmin now goes through the
permission gate for its rows, its foreign-key choices, its raw ids and its filters."""

from __future__ import annotations

import pytest
from django.contrib import admin

from tests.web.attacks.conftest import admin_form, admin_post

# Admins of Django's users and groups and of django-axes's log-in records: no organization to
# limit them by, so only superusers may use them (the office gets none of their permissions).
THIRD_PARTY = ("auth", "axes")
INJECTED = "注入的进展：该区全部任务已提前完成。"


@pytest.fixture
def other(world):
    from duban.web.orgs.models import Organization

    org = Organization.objects.get(name="台儿庄区")
    plan = org.plans.get()
    return {
        "org": org,
        "plan": plan,
        "period": plan.periods.get(),
        "task": plan.tasks.get(seq=2),
        "unit": org.units.get(name="区财政局"),
    }


def test_it_refuses_a_period_added_to_another_organizations_plan(staff_office, other, client):
    from duban.web.plans.models import Period

    client.force_login(staff_office)
    before = Period.objects.filter(plan=other["plan"]).count()
    response = admin_post(
        client,
        "/admin/plans/period/add/",
        plan=other["plan"].pk,
        year=2021,
        kind="month",
        label="6月",
        end_month=6,
        state="published",
    )
    assert response.status_code == 200  # the form again, with the error beside the field
    assert "选择一个有效的选项" in response.content.decode()
    assert Period.objects.filter(plan=other["plan"]).count() == before


def test_it_refuses_a_report_injected_into_another_organization(staff_office, other, client):
    from duban.web.plans.models import Report

    client.force_login(staff_office)
    response = admin_post(
        client,
        "/admin/plans/report/add/",
        period=other["period"].pk,
        task=other["task"].pk,
        unit=other["unit"].pk,
        text=INJECTED,
        state="accepted",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("选择一个有效的选项") >= 3  # period, task and unit each refused
    assert not Report.objects.filter(text=INJECTED).exists()
    client.logout()
    assert INJECTED not in client.get("/search/", {"q": "提前完成"}).content.decode()


def test_it_refuses_to_move_an_own_report_into_another_organization(
    staff_office, world, other, client
):
    from duban.web.plans.models import Report

    client.force_login(staff_office)
    report = world.drafts["区发改局"]
    response = admin_post(client, f"/admin/plans/report/{report.pk}/change/", task=other["task"].pk)
    assert response.status_code == 200
    assert Report.objects.get(pk=report.pk).task_id == world.tasks[1].pk


def test_its_drop_downs_and_filters_list_only_the_own_organization(staff_office, other, client):
    client.force_login(staff_office)
    period_form = admin_form(client, "/admin/plans/period/add/")
    assert "plan" in period_form
    add_page = client.get("/admin/plans/period/add/").content.decode()
    assert "台儿庄区" not in add_page and "峄城区" in add_page
    for url in ("/admin/plans/period/", "/admin/plans/task/", "/admin/orgs/unit/"):
        page = client.get(url).content.decode()
        assert "台儿庄区" not in page, url
    units = client.get("/admin/orgs/unit/", {"organization__id__exact": other["org"].pk})
    assert f"/admin/orgs/unit/{other['unit'].pk}/change/" not in units.content.decode()


def test_it_does_not_open_another_organizations_objects(staff_office, other, client):
    client.force_login(staff_office)
    for url in (
        f"/admin/plans/plan/{other['plan'].pk}/change/",
        f"/admin/plans/report/{other['period'].reports.first().pk}/change/",
        f"/admin/orgs/unit/{other['unit'].pk}/change/",
        f"/admin/plans/plan/{other['plan'].pk}/history/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url


def test_every_admin_of_ours_goes_through_the_gate():
    from duban.web.admin_gate import GatedAdmin, GatedInline

    ours = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label not in THIRD_PARTY
    }
    assert len(ours) >= 11
    loose = [m.__name__ for m, a in ours.items() if not isinstance(a, GatedAdmin)]
    loose += [
        i.__name__ for a in ours.values() for i in a.inlines if not issubclass(i, GatedInline)
    ]
    assert loose == []


def test_the_office_gets_no_permission_on_the_ungated_admins(staff_office):
    granted = staff_office.get_all_permissions()
    assert any(p.startswith("plans.") for p in granted)
    assert [p for p in granted if p.split(".")[0] in THIRD_PARTY] == []
