"""For the example (峄城区 2021 Q3, 108 tasks), the API answers what the pages show: the same
sections, tasks, units, reports, verdicts, dashboard figures and search hits, read from the
context each page rendered."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.web.api.conftest import Api


@pytest.fixture
def example(db, example_plan):
    """The example imported, an office reader and a reader of 区发改局, each with a token."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from duban.web.accounts.models import Membership
    from duban.web.api.tokens import token_create
    from duban.web.orgs.models import Unit
    from duban.web.plans.models import Plan
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    plan = Plan.objects.select_related("organization").get()
    unit = Unit.objects.get(organization=plan.organization, name="区发改局")
    readers = {}
    for username, role, member_unit in (("office", "office", None), ("fgj", "unit", unit)):
        user = get_user_model().objects.create_user(username, password="pw-" + username)
        Membership.objects.create(
            user=user, organization=plan.organization, role=role, unit=member_unit
        )
        page_client = Client()
        page_client.force_login(user)
        readers[username] = (page_client, Api(Client(), token_create(user, name="t")[1]))
    return plan, plan.periods.get(), unit, readers


def test_it_answers_the_plan_pages_sections_tasks_and_units(example):
    plan, period, _, readers = example
    page, api = readers["office"]
    overview = page.get(f"/plans/{plan.pk}/?period={period.pk}").context["overview"]

    sections = api.items("/sections", plan=plan.pk)
    assert [(s["number"], s["title"], s["task_count"]) for s in sections] == [
        (s.section.number, s.section.title, len(s.tasks)) for s in overview.sections
    ]
    tasks = api.items("/tasks", plan=plan.pk)
    assert len(tasks) == overview.task_count == 108
    page_tasks = [t for s in overview.sections for t in s.tasks]
    assert [
        (t["id"], t["seq"], t["target"], [(u["unit"], u["role"]) for u in t["units"]])
        for t in tasks
    ] == [
        (t.pk, t.seq, t.target, [(r.unit.name, r.role) for r in t.responsibilities.all()])
        for t in page_tasks
    ]


def test_it_answers_every_task_pages_reports(example):
    plan, period, _, readers = example
    page, api = readers["office"]
    by_task = defaultdict(list)
    for r in api.items("/reports", period=period.pk):
        by_task[r["task_id"]].append((r["id"], r["unit"], r["text"], r["state"]))
    tasks = api.items("/tasks", plan=plan.pk)
    for task in tasks:
        view = page.get(f"/tasks/{task['id']}/?period={period.pk}").context["view"]
        shown = [(r.pk, r.unit.name if r.unit else None, r.text, r.state) for r in view.current]
        assert sorted(by_task[task["id"]]) == sorted(shown), task["seq"]
    assert sum(len(v) for v in by_task.values()) > 200


def test_it_answers_a_units_own_tasks_as_its_unit_page(example):
    plan, _, unit, readers = example
    page, api = readers["fgj"]
    view = page.get(f"/units/{unit.pk}/").context["view"]
    seqs = [t["seq"] for t in api.items("/tasks", unit=unit.pk, plan=plan.pk)]
    assert seqs == sorted(t.seq for t in view.led + view.other)
    assert {1, 10, 11, 12, 13, 14, 15, 54, 87} <= set(seqs)  # the tasks that name it


def test_it_answers_the_dashboards_verdicts_and_figures(example):
    plan, period, _, readers = example
    page, api = readers["office"]
    dash = page.get(f"/dashboard/plans/{plan.pk}/?period={period.pk}").context["dash"]
    figures = api.get(f"/plans/{plan.pk}/dashboard", period=period.pk).json()
    assert {c["verdict"]: c["count"] for c in figures["verdicts"]} == dash.counts
    assert figures["task_count"] == sum(dash.counts.values()) == 108
    assert [
        (s["number"], {c["verdict"]: c["count"] for c in s["verdicts"]})
        for s in figures["sections"]
    ] == [(s.number, counts) for s, counts in dash.section_counts]
    assert [(u["unit"], u["led"], u["missing"], u["behind"]) for u in figures["units"]] == [
        (row.unit.name, row.led, row.missing, row.behind) for row in dash.units
    ]


def test_it_answers_each_tasks_verdict_as_the_dashboards_task_list(example):
    plan, period, _, readers = example
    page, api = readers["office"]
    rows = page.get(f"/dashboard/plans/{plan.pk}/tasks/?period={period.pk}").context["rows"]
    tasks = api.items("/tasks", period=period.pk)
    assert [(t["seq"], t["verdict"]["verdict"], t["verdict"]["explanation"]) for t in tasks] == [
        (t.seq, v.verdict, v.explanation) for t, v in rows
    ]


@pytest.mark.parametrize("query", ["招商引资", "项目 建设", "丰源"])
def test_it_answers_the_search_pages_hits(example, query):
    _, _, _, readers = example
    page, api = readers["fgj"]
    results = page.get("/search/", {"q": query}).context["results"]
    answer = api.get("/search", q=query).json()
    assert answer["total"] == results.total > 0
    assert [(h["kind"], h["task_id"], h["report_id"]) for h in answer["items"]] == [
        (h.entry.kind, h.entry.task_id, h.entry.report_id) for h in results.hits
    ]
    assert [h["snippet_html"] for h in answer["items"]] == [str(h.snippet) for h in results.hits]
