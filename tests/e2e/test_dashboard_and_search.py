"""The office opens the dashboard of the example: every chart renders without console errors,
a click on a bar opens its task list, and a search for 康震制药 shows highlighted snippets."""

from __future__ import annotations

import re

import pytest

from duban.core.judgement.labels import VERDICT_ORDER

pytestmark = pytest.mark.browser

PASSWORD = "督查室-e2e-密码"


@pytest.fixture
def office(transactional_db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization
    from duban.web.plans.services import plan_import

    summary = plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    user = get_user_model().objects.create_user("office", password=PASSWORD)
    Membership.objects.create(user=user, organization=org, role="office")
    return user, summary.plan_id


def _log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _click_bar(page, chart: str, category: int, value: float) -> None:
    """Click the middle of a bar, located through the chart's own coordinate system."""
    x, y = page.evaluate(
        """([id, c, v]) => {
            const el = document.querySelector(`[data-chart="${id}"]`);
            return echarts.getInstanceByDom(el).convertToPixel({seriesIndex: 0}, [c, v]);
        }""",
        [chart, category, value / 2],
    )
    box = page.locator(f'[data-chart="{chart}"]').bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_it_renders_the_dashboard_follows_a_bar_and_finds_a_project(
    live_server, page, office, artifacts
):
    user, plan_id = office
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    _log_in(page, live_server, user)

    page.goto(f"{live_server.url}/dashboard/plans/{plan_id}/")
    charts = page.locator("[data-chart]")
    assert charts.count() == 5
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(e => e.dataset.ready && e.querySelector('canvas'))"
    )
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
    assert errors == []

    # The tallest bar of the verdict chart, whichever verdict it is.
    verdicts = list(VERDICT_ORDER)  # the chart's categories, in the one order
    counts = [int(page.locator(f".card.verdict-{v} .n").inner_text()) for v in verdicts]
    index = counts.index(max(counts))
    _click_bar(page, "chart-verdicts", index, counts[index])
    page.wait_for_url(re.compile(rf"/tasks/\?period=\d+&verdict={verdicts[index]}$"))
    assert page.locator("#task-count").inner_text() == f"共 {counts[index]} 项"
    assert page.locator("tbody tr").count() == counts[index]
    page.screenshot(path=str(artifacts / "dashboard-task-list.png"), full_page=True)

    page.goto(f"{live_server.url}/dashboard/plans/{plan_id}/screen/")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(e => e.dataset.ready)"
    )
    page.screenshot(path=str(artifacts / "dashboard-screen.png"))

    page.goto(f"{live_server.url}/search/")
    page.fill("#q", "康震制药")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search/\?q="))
    marks = page.locator("ol.hits mark")
    assert page.locator("li.hit").count() >= 1
    assert set(marks.all_inner_texts()) == {"康震制药"}
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)
    assert errors == []
