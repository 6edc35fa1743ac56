"""Fault 6 in the browser: the editor keeps and shows the text typed whatever the server answers
to its autosave — a refusal after another session submitted, an error status, no answer — and
puts it back on the next visit while the report is still at the version it was based on."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "e2e-口令-2021"
TYPED = "1-11月，固定资产投资同比增长3.3%，新开工项目12个。"


@pytest.fixture
def draft(transactional_db):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.plans.models import Period, Report
    from duban.web.plans.services import plan_import
    from tests.web.conftest import small_plan

    plan_import(small_plan(), source="small")
    q3 = Period.objects.get()
    q4 = Period.objects.create(plan=q3.plan, year=2021, label="第四季度", end_month=12)
    base = Report.objects.get(period=q3, unit__name="区发改局")
    user = get_user_model().objects.create_user("fgj", password=PASSWORD)
    Membership.objects.create(
        user=user, organization=q3.plan.organization, role="unit", unit=base.unit
    )
    report = Report.objects.create(
        period=q4, task=base.task, unit=base.unit, text="草稿", state="draft", version=1
    )
    return user, report


def _open_editor(page, base: str, report) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "fgj")
    page.fill("#id_password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/reports/{report.pk}/edit/")


def test_a_refusal_after_another_session_submitted_is_shown_and_the_text_stays(
    live_server, page, draft
):
    from duban.web.audit.models import AuditEvent
    from duban.web.rounds.services import report_submit

    user, report = draft
    _open_editor(page, live_server.url, report)
    report_submit(report, text="另一个会话报送的文字。", actor=user, expected_version=1)
    page.fill("#id_text", TYPED)
    status = page.locator("#save-status")
    status.filter(has_text="未保存：该报告已由本单位报送").wait_for(timeout=10_000)
    assert page.input_value("#id_text") == TYPED
    assert AuditEvent.objects.get(action="report_conflict").after["text"] == TYPED


@pytest.mark.parametrize("answer", [403, 500, None])
def test_any_other_answer_keeps_the_text_in_the_browser_and_brings_it_back(
    answer, live_server, page, draft
):
    _, report = draft
    _open_editor(page, live_server.url, report)

    def refuse(route):
        if answer is None:
            route.abort()
        else:
            route.fulfill(status=answer, body="<h1>error</h1>", content_type="text/html")

    page.route("**/autosave/", refuse)
    page.fill("#id_text", TYPED)
    status = page.locator("#save-status")
    status.filter(has_text="暂存在本机").wait_for(timeout=10_000)
    assert page.input_value("#id_text") == TYPED
    if answer is not None:
        assert f"服务器答复 {answer}" in status.inner_text()

    page.unroute("**/autosave/")
    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    assert page.input_value("#id_text") == TYPED
    assert "已恢复上次未能保存的文字" in page.locator("#save-status").inner_text()
