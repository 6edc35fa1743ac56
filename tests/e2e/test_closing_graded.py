"""办结销号 in a browser: the lead unit's reporter applies to close its task from the report
editor, the office grades the application on the task page, the task reads 已办结 and the next
round opened has no slot for it."""

from __future__ import annotations

import pytest

from tests.web import conftest as web

pytestmark = pytest.mark.browser
world = web.world


def _login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_closing_request_is_graded_and_the_task_leaves_the_next_round(
    transactional_db, world, live_server, browser, artifacts
):
    from duban.web.plans.models import Period, Report
    from duban.web.rounds.services import round_open
    from duban.web.workflow.models import Closing

    task = world.tasks[1]
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    page = context.new_page()
    _login(page, live_server.url, "unit_a")
    page.goto(f"{live_server.url}/reports/{world.drafts['区发改局'].pk}/edit/")
    page.fill("#closing-apply textarea[name=statement]", "三项指标均已完成。")
    page.click("#closing-apply button[type=submit]")
    page.locator("#closing-pending").wait_for()
    context.clear_cookies()

    _login(page, live_server.url, "office")
    page.goto(f"{live_server.url}/tasks/{task.pk}/?period={world.q4.pk}")
    page.select_option("#closing-decide select[name=grade]", "excellent")
    page.click("#closing-decide button[value=approve]")
    page.locator("#closed").wait_for()
    assert "优秀" in page.locator("#closed").inner_text()
    assert "● 已办结" in page.locator(".verdict-closed").first.inner_text()
    page.screenshot(path=str(artifacts / "closing-graded.png"), full_page=True)
    context.close()
    assert list(Closing.objects.values_list("state", "grade")) == [("approved", "excellent")]

    Period.objects.filter(pk=world.q4.pk).update(state=Period.State.CLOSED)
    opened = round_open(
        world.plan, label="全年", end_month=12, kind="year", actor=world.users["office"]
    )
    assert not Report.objects.filter(period=opened.period, task=task).exists()
    assert Report.objects.filter(period=opened.period).exists()
