"""Fault 3 of the outside test: a published report corrected in the admin (a redaction) was still
found, and shown in search snippets in its old wording, to anonymous visitors too; a task's target
edited in the admin the same; a report added in the admin was never found. Every admin save now
updates the index in its transaction (search.services.search_index_changed)."""

from __future__ import annotations

import pytest

from tests.web.attacks.conftest import admin_post

SECRET = "91189"  # the figure to redact, as highlighted in a snippet: <mark>91189</mark>


@pytest.fixture
def published(world):
    from duban.web.rounds.services import period_publish

    return period_publish(world.q3, actor=world.users["office"])


def _found(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_redaction_in_the_admin_leaves_search_at_once(staff_office, world, published, client):
    report = published.reports.get(task__seq=2)
    assert f"<mark>{SECRET}</mark>万元" in _found(client, SECRET)  # anonymous, before
    client.force_login(staff_office)
    redacted = "1-9月，一般公共预算收入完成（数据待核），占预算的86.83%。"
    response = admin_post(client, f"/admin/plans/report/{report.pk}/change/", text=redacted)
    assert response.status_code == 302
    client.logout()
    assert f"<mark>{SECRET}</mark>" not in _found(client, SECRET)
    assert "数据<mark>待核</mark>" in _found(client, "待核")
    assert SECRET not in _found(client, "预算收入")  # nor in another query's snippet


def test_a_task_edited_in_the_admin_is_found_by_its_new_target(
    staff_office, world, published, client
):
    task = world.tasks[3]
    assert "丰源集团<mark>多元发展</mark>" in _found(client, "多元发展")
    client.force_login(staff_office)
    new = "支持龙头企业多元发展、强链补链，打造新的增长极。"
    response = admin_post(client, f"/admin/plans/task/{task.pk}/change/", target=new)
    assert response.status_code == 302
    client.logout()
    assert "丰源集团<mark>多元发展</mark>" not in _found(client, "多元发展")
    assert "<mark>龙头企业</mark>" in _found(client, "龙头企业")


def test_a_report_added_in_the_admin_is_found(staff_office, world, client):
    from duban.web.search.selectors import SearchFilters, search

    client.force_login(staff_office)
    response = admin_post(
        client,
        "/admin/plans/report/add/",
        period=world.q4.pk,
        task=world.tasks[2].pk,
        unit=world.units["区财政局"].pk,
        text="石榴产业园一期已投产。",
        state="submitted",
    )
    assert response.status_code == 302
    hits = search("石榴", SearchFilters(), 1, staff_office).hits
    assert [(h.entry.task.seq, h.entry.kind) for h in hits] == [(2, "report")]


def test_a_period_moved_in_the_admin_moves_its_entries(staff_office, world, client):
    from duban.web.search.models import SearchEntry

    client.force_login(staff_office)
    response = admin_post(client, f"/admin/plans/period/{world.q4.pk}/change/", end_month=11)
    assert response.status_code == 302
    months = set(SearchEntry.objects.filter(period=world.q4).values_list("end_month", flat=True))
    assert months == {11}
