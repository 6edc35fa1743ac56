"""A whole reporting round in the browser: the office opens 2021年第四季度, two units submit
(one after the deadline), one report is returned and resubmitted, the office closes the round.

Screenshots go to artifacts/; with DUBAN_UPDATE_GUIDE=1 they also replace the user guide's
pictures in docs/img/ (docs/guide.zh.md), so the guide shows the pages as they are.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
PASSWORD = "e2e-口令-2021"
TEXT_A = "1-12月，地区生产总值预计增长8.5%，固定资产投资同比增长5.2%。"
TEXT_B = "1-12月，固定资产投资3.05亿元。"
TEXT_B2 = "1-12月，固定资产投资3.05亿元，同比增长4.6%。"


@pytest.fixture
def people(transactional_db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization, Unit
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    users = {}
    for username, role, unit in (
        ("office", "office", None),
        ("fgj", "unit", "区发改局"),
        ("dgz", "unit", "底阁镇"),
    ):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        unit_row = Unit.objects.get(organization=org, name=unit) if unit else None
        Membership.objects.create(user=user, organization=org, role=role, unit=unit_row)
        users[username] = user
    return users


class Shots:
    def __init__(self, page, artifacts: Path) -> None:
        self.page, self.artifacts = page, artifacts

    def __call__(self, name: str) -> None:
        self.page.screenshot(path=str(self.artifacts / f"guide-{name}.png"), full_page=True)
        if os.environ.get("DUBAN_UPDATE_GUIDE"):
            # The guide shows the first screen only: smaller files, and what a user sees first.
            DOCS_IMG.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(DOCS_IMG / f"guide-{name}.png"))


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/")


def logout(page) -> None:
    page.click("header.site button:has-text('退出')")


def open_editor(page, seq: int) -> None:
    page.click("nav.main >> text=我的任务")
    row = page.locator("tr", has=page.locator("td.seq", has_text=re.compile(rf"^{seq}$")))
    row.locator("a:has-text('填写')").click()
    page.wait_for_url(re.compile(r"/reports/\d+/edit/"))


def write_and_submit(page, base: str, text: str, seq: int = 1) -> None:
    open_editor(page, seq)
    page.fill("#id_text", text)
    page.click("button[name=submit]")
    page.wait_for_url(f"{base}/my/")


def accept(page, unit: str) -> None:
    """Accept from the review queue: answered in place, the next report loaded."""
    page.locator("#queue-body article").filter(has_text=unit).locator("button.accept").click()
    page.wait_for_selector(f"#queue-done:has-text('已通过') >> text={unit}")


def test_it_runs_a_whole_round_from_opening_to_closing(live_server, page, people, artifacts):
    from duban.web.audit.models import AuditEvent
    from duban.web.plans.models import Period, Report

    base = live_server.url
    shot = Shots(page, artifacts)
    q3_before = dict(Report.objects.filter(period__label="第三季度").values_list("pk", "text"))
    page.on("dialog", lambda dialog: dialog.accept())

    # The office opens 2021年第四季度 with a deadline a week ahead.
    login(page, base, "office")
    page.click("text=开启新一轮填报")
    page.fill("#id_label", "第四季度")
    page.fill("#id_end_month", "12")
    page.select_option("#id_kind", "quarter")
    page.fill("#id_deadline", (dt.date.today() + dt.timedelta(days=7)).isoformat())
    shot("office-open-round")
    page.click("form button[type=submit]:has-text('开启')")
    page.wait_for_url(re.compile(r"/rounds/\d+/$"))
    assert "已开启2021年第四季度" in page.inner_text("body")
    q4 = Period.objects.get(label="第四季度")
    logout(page)

    # 区发改局 writes its task 1 beside the Q3 text and submits on time.
    login(page, base, "fgj")
    open_editor(page, 1)
    assert "上期（2021年第三季度）进展" in page.inner_text("main")
    page.fill("#id_text", TEXT_A)
    page.wait_for_selector("text=已自动保存")
    shot("unit-editor")
    page.click("button[name=submit]")
    page.wait_for_url(f"{base}/my/")
    shot("unit-my-tasks")
    logout(page)

    # The deadline passes; 底阁镇 submits late.
    Period.objects.filter(pk=q4.pk).update(deadline=dt.date.today() - dt.timedelta(days=1))
    login(page, base, "dgz")
    write_and_submit(page, base, TEXT_B)
    logout(page)

    # The office returns 底阁镇's report and accepts 区发改局's.
    login(page, base, "office")
    page.goto(f"{base}/rounds/{q4.pk}/")
    shot("office-round")
    page.click("#queue-link")
    queue = page.locator("#queue-body article")
    late = queue.filter(has_text="底阁镇")
    assert "逾期" in late.inner_text()
    late.locator("input[name=comment]").fill("请补充同比增幅。")
    late.locator("button.return").click()
    page.wait_for_selector("#queue-done:has-text('已退回')")
    accept(page, "区发改局")
    page.goto(f"{base}/rounds/{q4.pk}/reminders/")
    shot("office-reminders")
    logout(page)

    # 底阁镇 sees the comment and resubmits.
    login(page, base, "dgz")
    page.click("nav.main >> text=我的任务")
    assert "请补充同比增幅。" in page.inner_text("main")
    write_and_submit(page, base, TEXT_B2)
    logout(page)

    # The office accepts it and closes the round.
    login(page, base, "office")
    page.goto(f"{base}/rounds/{q4.pk}/queue/")
    accept(page, "底阁镇")
    page.goto(f"{base}/rounds/{q4.pk}/")
    page.click("#close-round")
    page.click("#confirm-close")
    page.wait_for_selector("text=已结束，进展已冻结")

    # The plan shows the Q4 texts; the Q3 texts are unchanged.
    task1 = Report.objects.get(period=q4, unit__name="区发改局", task__seq=1).task_id
    page.goto(f"{base}/tasks/{task1}/?period={q4.pk}")
    main = page.inner_text("main")
    assert TEXT_A in main and TEXT_B2 in main
    shot("task-after-round")
    assert dict(Report.objects.filter(period__label="第三季度").values_list("pk", "text")) == (
        q3_before
    )
    b = Report.objects.get(period=q4, unit__name="底阁镇", task__seq=1)
    assert (b.state, b.late, b.text) == ("accepted", True, TEXT_B2)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    for step in (
        "round_open",
        "report_submit",
        "report_return",
        "report_accept",
        "round_close",
        "login",
    ):
        assert step in actions, step
    assert actions.count("report_submit") == 3
