"""Pages render with a bounded number of queries, however many units and periods a task has."""

from __future__ import annotations

import pytest

# Session, user, membership, the task, periods, responsibilities, reports (+ savepoints).
# Verdicts add a constant number of queries, never one per task: the first view of a period
# judges it (its reports and the previous period's, for the "unchanged" flag); later views read
# the cached judgement (its key: one aggregate over the reports and the plan's stamp) and apply
# the office's overrides and thresholds.
# The judgement's cache is the database cache (shared by app servers): a read, and on a miss
# the cull's count, a savepoint, the lookup and the insert — constant, whatever the plan's size.
# + the files of every report shown (evidence: one query), the change requests (one), the
# closing (办结: the closed tasks and the task's own application, two)
TASK_PAGE_MAX = 38
OVERVIEW_MAX = 40  # + the closed tasks (办结), one query for the whole plan
CACHED_SAVING = 8  # at least this many fewer queries once the period's judgement is cached
# A reporter's two requests of a round (`make load`): session, user, membership, the report;
# the editor adds the previous period's report and the milestone; a submission adds its one
# transaction (lock, update, both versions, search entry, two audit events).
# + the evidence block (the office's limits, the report's files), the header's 我的任务 count,
# the task's 签收, the closing form (the task's application, whether the unit leads it)
EDITOR_MAX = 13
SUBMIT_MAX = 14


@pytest.fixture
def loaded(db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    later = __import__("dataclasses").replace(
        example_plan, period=type(example_plan.period)("第四季度", 12, 2021)
    )
    plan_import(later, source="example-q4")
    office = get_user_model().objects.create_user("office")
    Membership.objects.create(user=office, organization=Organization.objects.get(), role="office")
    return office


def test_it_renders_the_busiest_task_page_in_a_bounded_number_of_queries(
    loaded, client, django_assert_max_num_queries
):
    from django.db.models import Count

    from duban.web.plans.models import Task

    busiest = Task.objects.annotate(n=Count("reports")).order_by("-n").first()
    assert busiest.n > 10
    client.force_login(loaded)
    with django_assert_max_num_queries(TASK_PAGE_MAX):
        response = client.get(f"/tasks/{busiest.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count('class="report') == busiest.n


def test_it_renders_the_whole_plan_overview_in_a_bounded_number_of_queries(
    loaded, client, django_assert_max_num_queries
):
    from duban.web.plans.models import Plan

    client.force_login(loaded)
    with django_assert_max_num_queries(OVERVIEW_MAX):
        response = client.get(f"/plans/{Plan.objects.get().pk}/")
    assert response.content.decode().count('<td class="seq">') == 108


def test_it_renders_a_unit_page_in_a_bounded_number_of_queries(
    loaded, client, django_assert_max_num_queries
):
    from duban.web.orgs.models import Unit

    client.force_login(loaded)
    unit = Unit.objects.get(name="区发改局")
    with django_assert_max_num_queries(OVERVIEW_MAX):
        response = client.get(f"/units/{unit.pk}/")
    assert "牵头任务" in response.content.decode()


def test_a_page_reads_the_cached_judgement_on_its_second_view(loaded, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duban.web.plans.models import Plan

    overview = f"/plans/{Plan.objects.get().pk}/"
    client.force_login(loaded)
    with CaptureQueriesContext(connection) as cold:
        client.get(overview)
    with CaptureQueriesContext(connection) as warm:
        client.get(overview)
    assert len(warm) <= len(cold) - CACHED_SAVING


def test_a_reporter_opens_and_submits_a_report_in_a_bounded_number_of_queries(
    world, client, django_assert_max_num_queries
):
    from duban.web.rounds.services import round_open

    opened = round_open(
        world.plan, label="10月", end_month=10, kind="month", actor=world.users["office"]
    )
    report = opened.period.reports.get(unit__name="区发改局", task__seq=1)
    client.force_login(world.users["unit_a"])
    with django_assert_max_num_queries(EDITOR_MAX):
        assert client.get(f"/reports/{report.pk}/edit/").status_code == 200
    with django_assert_max_num_queries(SUBMIT_MAX):
        response = client.post(
            f"/reports/{report.pk}/edit/",
            {"text": "1-10月，固定资产投资同比增长3.1%。", "version": 0, "submit": "1"},
        )
    assert response.status_code == 302
    assert list(report.versions.values_list("state", flat=True)) == ["draft", "submitted"]
