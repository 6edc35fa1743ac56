"""The public page: nothing before the office publishes; after, the period's table, task pages,
verdicts and charts, never drafts, internal notes, flags or unpublished periods."""

from __future__ import annotations

import pytest

from tests.web.conftest import DRAFT_A, DRAFT_B, INTERNAL_NOTE, download


def _urls(world, period):
    return [
        f"/public/{period.pk}/",
        f"/public/{period.pk}/?verdict=not_reported",
        f"/public/{period.pk}/tasks/1/",
        f"/public/{period.pk}/tasks/3/",
        f"/public/{period.pk}/table.docx",
        f"/public/{period.pk}/table.pdf",
    ]


@pytest.mark.parametrize("index", range(6))
def test_it_shows_nothing_of_an_unpublished_period(world, as_user, index):
    for period in (world.q3, world.q4):
        url = _urls(world, period)[index]
        for who in (None, world.users["office"]):  # members too: public means published
            assert as_user(who).get(url).status_code == 404, url


def test_the_index_lists_published_periods_only(world, as_user):
    from duban.web.rounds.services import period_publish

    assert "第三季度" not in as_user(None).get("/public/").content.decode()
    period_publish(world.q3, actor=world.users["office"])
    html = as_user(None).get("/public/").content.decode()
    assert f"/public/{world.q3.pk}/" in html and f"/public/{world.q4.pk}/" not in html


def test_it_shows_a_published_period_with_verdicts_and_charts(world, as_user):
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    response = as_user(None).get(f"/public/{world.q3.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "同比增长12.1%" in html and "危化品停车场正在进行土建施工" in html
    assert 'data-chart="chart-verdicts"' in html and "推进中" in html
    for secret in (DRAFT_A, DRAFT_B, INTERNAL_NOTE, "第四季度", "逾期报送", "内容空泛"):
        assert secret not in html
    assert response.context["charts"]["verdicts"]["links"][0][0].startswith(
        f"/public/{world.q3.pk}/?"
    )


def test_it_shows_a_published_task_page_without_drafts(world, as_user):
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    html = as_user(None).get(f"/public/{world.q3.pk}/tasks/1/").content.decode()
    assert "固定资产投资2.36亿元" in html and DRAFT_B not in html and INTERNAL_NOTE not in html
    assert as_user(None).get(f"/public/{world.q3.pk}/tasks/99/").status_code == 404


def test_it_filters_the_published_table_by_verdict(world, as_user):
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    response = as_user(None).get(f"/public/{world.q3.pk}/?verdict=not_reported")
    assert [r.task.seq for r in response.context["tasks"]] == []


def test_it_never_shows_another_organizations_unpublished_period(world, as_user):
    from duban.web.plans.models import Period
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    other = Period.objects.exclude(plan=world.plan).get()
    assert as_user(None).get(f"/public/{other.pk}/").status_code == 404


def test_it_offers_the_published_table_as_docx_with_accepted_reports_only(world, as_user):
    import io

    from docx import Document

    from duban.web.plans.models import Report
    from duban.web.rounds.services import period_publish

    Report.objects.create(
        period=world.q3,
        task=world.tasks[2],
        unit=world.units["区税务局"],
        text="区税务局草稿：不应公开。",
        state=Report.State.DRAFT,
    )
    period_publish(world.q3, actor=world.users["office"])
    response = download(as_user(None), f"/public/{world.q3.pk}/table.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "同比增长12.1%" in text and "不应公开" not in text
