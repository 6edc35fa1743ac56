"""The office's day in the browser (issue 18): open a round, review from the queue (return →
the unit resubmits → accept, by the page's keys), close it with the counts shown, publish with
confirmation, withdraw the publication — and the public page follows each step."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e.test_whole_round import PASSWORD, people  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

FIRST = "1-12月，地区生产总值增长8.5%，固定资产投资同比增长5.2%。"
AGAIN = "1-12月，地区生产总值增长8.5%，固定资产投资同比增长5.2%，完成年度目标。"


def _as(browser, base: str, username: str | None):
    """A page in a browser context of its own, logged in as `username` (None: anonymous)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    if username:
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("form.login button[type=submit]")
        page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    return page


def test_the_offices_day_from_opening_to_withdrawing_the_publication(
    live_server,
    browser,
    people,  # noqa: F811
):
    from duban.web.audit.models import AuditEvent
    from duban.web.plans.models import Period, Plan, Report

    base = live_server.url
    plan = Plan.objects.get()

    # The office opens 2021年第四季度 with a deadline.
    office = _as(browser, base, "office")
    office.goto(f"{base}/plans/{plan.pk}/rounds/new/")
    office.fill("#id_label", "第四季度")
    office.fill("#id_end_month", "12")
    office.select_option("#id_kind", "quarter")
    office.fill("#id_deadline", (dt.date.today() + dt.timedelta(days=7)).isoformat())
    office.click("form button[type=submit]:has-text('开启')")
    office.wait_for_url(re.compile(r"/rounds/\d+/$"))
    q4 = Period.objects.get(label="第四季度")
    report = Report.objects.get(period=q4, unit__name="区发改局", task__seq=1)

    # 区发改局 submits; its editor then shows the text with 撤回.
    unit = _as(browser, base, "fgj")
    unit.goto(f"{base}/reports/{report.pk}/edit/")
    unit.fill("#id_text", FIRST)
    unit.click("button[name=submit]")
    unit.wait_for_url(f"{base}/my/")
    unit.goto(f"{base}/reports/{report.pk}/edit/")
    assert FIRST in unit.inner_text("main") and unit.is_visible("#withdraw")
    assert "无权访问" not in unit.inner_text("main")

    # The office returns it from the queue with the keys: r, the comment, Enter.
    office.goto(f"{base}/rounds/{q4.pk}/queue/")
    assert "快捷键" in office.inner_text("#queue-keys")
    office.locator("#queue-body article").first.focus()
    office.keyboard.press("r")
    office.keyboard.type("请补充全年目标完成情况。")
    office.keyboard.press("Enter")
    office.wait_for_selector("#queue-done:has-text('已退回：第1项 · 区发改局')")
    assert office.locator("#queue-body article").filter(has_text="区发改局").count() == 0

    # The unit sees the comment and resubmits.
    unit.goto(f"{base}/reports/{report.pk}/edit/")
    assert "请补充全年目标完成情况。" in unit.inner_text("main")
    unit.fill("#id_text", AGAIN)
    unit.click("button[name=submit]")
    unit.wait_for_url(f"{base}/my/")

    # The queue marks the resubmission with its changes; a accepts it.
    office.goto(f"{base}/rounds/{q4.pk}/queue/")
    item = office.locator("#queue-body article").filter(has_text="区发改局")
    assert "重新报送" in item.inner_text()
    assert "完成年度目标" in item.locator("details.diff ins").first.inner_text()
    office.locator("#queue-body article").first.focus()
    office.keyboard.press("a")
    office.wait_for_selector("#queue-done:has-text('已通过：第1项 · 区发改局')")
    report.refresh_from_db()
    assert report.state == "accepted"

    # Closing shows what is left (nothing waits, the rest never filed) before it confirms.
    office.goto(f"{base}/rounds/{q4.pk}/")
    office.click("#close-round")
    never = Report.objects.filter(period=q4, state="empty").count()
    assert office.inner_text("#count-waiting") == "0"
    assert office.inner_text("#count-never-filed") == str(never) and never > 0
    office.click("#confirm-close")
    office.wait_for_selector("text=已结束，进展已冻结")

    # Publishing asks first; then the public reads the accepted text.
    office.click("#publish-link")
    assert office.inner_text("#count-accepted") == "1"
    office.click("#confirm-publish")
    office.wait_for_selector("text=已公开")
    public = _as(browser, base, None)
    public.goto(f"{base}/public/{q4.pk}/")
    assert AGAIN in public.inner_text("main")

    # The office withdraws the publication with a reason: the public page is gone.
    office.goto(f"{base}/rounds/{q4.pk}/")
    office.click("#unpublish-link")
    office.fill("#id_reason", "数据待统计局核实")
    office.click("#confirm-unpublish")
    office.wait_for_selector("text=已撤回")
    assert public.goto(f"{base}/public/{q4.pk}/").status == 404
    q4.refresh_from_db()
    assert q4.state == "closed"
    steps = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "round_open",
        "report_return",
        "report_accept",
        "round_close",
        "period_publish",
        "period_unpublish",
    } <= steps
