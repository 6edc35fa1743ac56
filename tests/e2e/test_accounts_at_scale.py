"""Accounts at scale in the browser: the office imports 60 reporters from an XLSX whose two bad
rows are reported (and nothing is created until it skips them), resets one password, hands one
unit over; the new reporter signs on through a stub 统一身份认证 and lands on their tasks."""

from __future__ import annotations

import re

import openpyxl
import pytest

from tests.web.oidc_stub import running_provider

pytestmark = pytest.mark.browser

PASSWORD = "Office-口令-2025"


@pytest.fixture
def office(transactional_db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization
    from duban.web.plans.services import plan_import
    from duban.web.rounds.services import round_open

    plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    user = get_user_model().objects.create_user("office", password=PASSWORD)
    Membership.objects.create(user=user, organization=org, role="office")
    round_open(org.plans.get(), label="第四季度", end_month=12, actor=user)
    return org


@pytest.fixture
def provider(settings):
    with running_provider() as stub:
        stub.configure(settings)
        yield stub


def roster_file(org, folder) -> str:
    """60 right rows, one per unit (区发改局 first), and two wrong ones."""
    from duban.web.orgs.models import Unit

    others = org.units.exclude(kind=Unit.Kind.GROUP).exclude(name="区发改局").order_by("name")
    units = ["区发改局", *others.values_list("name", flat=True)[:59]]
    assert len(units) == 60
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2025年督办联络员名单"])
    ws.append(["序号", "单位", "姓名", "手机号", "电子邮箱"])
    for n, unit in enumerate(units, start=1):
        ws.append([n, unit, f"联络员{n:02d}", 13800000000 + n, f"r{n:02d}@example.cn"])
    ws.append([61, "区统计局", "赵敏", "13800000061", ""])  # no such unit
    ws.append([62, units[0], "", "13800000062", ""])  # no name
    path = folder / "联络员名单.xlsx"
    wb.save(path)
    return str(path)


def reporter_count(org) -> int:
    from duban.web.accounts.models import Membership

    return Membership.objects.filter(organization=org, role="unit").count()


def fgj_slots(org) -> int:
    from duban.web.plans.models import Report

    return Report.objects.filter(
        unit__organization=org, unit__name="区发改局", period__state="open"
    ).count()


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.login button[type=submit]")


def test_the_office_manages_reporters_at_scale_and_a_reporter_signs_on(
    live_server, browser, page, office, provider, artifacts, tmp_path
):
    base = live_server.url
    path = roster_file(office, tmp_path)
    log_in(page, base, "office", PASSWORD)
    page.wait_for_url(f"{base}/")
    page.click("header.site >> text=账号管理")
    page.click("text=从表格导入联络员")
    page.set_input_files("#id_file", path)
    page.click("text=上传并核对")
    page.wait_for_selector("#roster-problems")  # the preview is the answer of the upload

    problems = page.locator("tr.problem")
    assert problems.count() == 2
    assert "单位“区统计局”不在本机构的单位名单中" in problems.nth(0).inner_text()
    assert "姓名为空" in problems.nth(1).inner_text()
    assert page.locator("#roster-problems").inner_text().startswith("2 行有误")
    assert reporter_count(office) == 0  # nothing made while two rows are wrong
    page.screenshot(path=str(artifacts / "accounts-roster-preview.png"), full_page=True)

    page.click("text=跳过有误的行，创建其余 60 个账号")
    page.wait_for_selector("table.issued")
    assert page.locator("table.issued tbody tr").count() == 60
    assert reporter_count(office) == 60
    page.screenshot(path=str(artifacts / "accounts-issued.png"), full_page=True)

    # Reset the second reporter's password; they log in with it and must change it first.
    page.click("text=返回账号管理")
    page.locator("tr", has_text="联络员02").locator("text=重置密码").click()
    page.click("#reset-confirm")
    one_time = page.locator("td.password code").inner_text()
    assert re.fullmatch(r"\w{4}-\w{4}-\w{4}", one_time)
    reporter = browser.new_context(locale="zh-CN").new_page()
    log_in(reporter, base, "13800000002", one_time)
    reporter.wait_for_url(f"{base}/accounts/password_change/")
    reporter.fill("#id_old_password", one_time)
    reporter.fill("#id_new_password1", "Lianluo-2025x")
    reporter.fill("#id_new_password2", "Lianluo-2025x")
    reporter.click("form.login button[type=submit]")
    reporter.wait_for_url(f"{base}/")
    assert "密码已修改" in reporter.locator(".messages").inner_text()
    reporter.context.close()

    # Hand 区发改局 over from 联络员01 to 陈静.
    page.click("text=返回账号管理")
    page.locator("tr", has_text="联络员01").locator("text=交接").click()
    page.fill("#id_name", "陈静")
    page.fill("#id_phone", "139 0000 0099")
    page.click("form.login button[type=submit]")
    page.wait_for_selector("table.issued")
    assert "区发改局的联络员已交接" in page.locator("main").inner_text()
    assert "已停用：联络员01" in page.locator("main").inner_text()
    page.click("text=返回账号管理")
    assert "原联络员：联络员01" in page.locator("main").inner_text()

    # 陈静 signs on through 统一身份认证 and lands on her unit's tasks.
    provider.directory["chenjing"] = {"sub": "gov-7", "name": "陈静", "phone_number": "13900000099"}
    sso = browser.new_context(locale="zh-CN").new_page()
    sso.goto(f"{base}/accounts/login/")
    sso.click("#sso-login")
    sso.wait_for_url(re.compile(re.escape(provider.url) + "/authorize"))
    sso.fill("#account", "chenjing")
    sso.click("#sign-in")
    sso.wait_for_url(f"{base}/my/")
    assert "陈静" in sso.locator("header.site").inner_text()
    tasks = sso.locator("table.tasks tbody tr")
    assert tasks.count() == fgj_slots(office)
    assert tasks.first.locator("a.button").inner_text() == "填写"
    sso.screenshot(path=str(artifacts / "accounts-sso-my-tasks.png"), full_page=True)
    sso.context.close()
