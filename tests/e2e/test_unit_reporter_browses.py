"""A unit reporter logs in, opens its unit page and a task page; screenshots go to artifacts/."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def reporter(transactional_db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization, Unit
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    unit = Unit.objects.get(organization=org, name="区发改局")
    user = get_user_model().objects.create_user("fgj", password="区发改局-e2e-密码")
    Membership.objects.create(user=user, organization=org, role="unit", unit=unit)
    return user, unit


def test_it_lets_a_unit_log_in_and_read_its_unit_and_task_pages(
    live_server, page, reporter, artifacts
):
    user, unit = reporter
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "区发改局-e2e-密码")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "我的任务"  # the unit's home: its work

    page.click("nav.account >> text=本单位任务")
    page.wait_for_url(f"**/units/{unit.pk}/")
    assert page.locator("h1").inner_text() == "区发改局"
    assert page.locator("text=牵头任务").count() == 1
    page.screenshot(path=str(artifacts / "unit-page.png"), full_page=True)

    page.locator("article.unit-task h3 a").first.click()
    page.wait_for_url(re.compile(r"/tasks/\d+/"))
    assert page.locator("h1").inner_text() == "第 1 项"
    assert "同比增长12.1%" in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts / "task-page.png"), full_page=True)
    assert (artifacts / "task-page.png").stat().st_size > 10_000
