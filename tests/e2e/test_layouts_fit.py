"""Every page a role reaches fits a 390 px phone and a 1366 px laptop, shows no identifier of
our code as text, and the role's tools are one or two clicks from its home (issue 18)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "布局-e2e-密码"
WIDTHS = (390, 1366)

# Wider than the viewport: the document, outside boxes that scroll on purpose (.scroll-x).
OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.scroll-x')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1) wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, vw: vw, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def people(transactional_db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization, Unit
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    org = Organization.objects.get(name="峄城区")
    make = get_user_model().objects.create_user
    users = {}
    for name, role, unit in (
        ("office", "office", None),
        ("leader", "leader", None),
        ("fgj", "unit", Unit.objects.get(organization=org, name="区发改局")),
    ):
        users[role] = make(name, password=PASSWORD)
        Membership.objects.create(user=users[role], organization=org, role=role, unit=unit)
    return users


def _log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _identifiers() -> set[str]:
    from duban.core.judgement.labels import FLAG_LABELS, VERDICT_LABELS
    from duban.web.orgs.models import Unit
    from duban.web.plans.models import Period, Report

    return {
        *VERDICT_LABELS,
        *FLAG_LABELS,
        *Report.State.values,
        *Period.State.values,
        *Period.Kind.values,
        *Unit.Kind.values,
    }


def _reachable(page, base) -> list[str]:
    """Home, the menu's pages and one deep page of each kind the home links to."""
    urls = [f"{base}/"]
    urls += page.eval_on_selector_all("nav.main a", "els => els.map(a => a.href)")
    for pattern in (r"/tasks/\d+/", r"/reports/\d+/", r"/units/\d+/", r"/rounds/\d+/"):
        hrefs = page.eval_on_selector_all("main a", "els => els.map(a => a.href)")
        deep = [h for h in hrefs if re.search(pattern, h)]
        if deep:
            urls.append(deep[0])
    return list(dict.fromkeys(u.split("#")[0] for u in urls))


@pytest.mark.parametrize("role", ["office", "leader", "unit"])
def test_every_page_a_role_reaches_fits_and_speaks_chinese(live_server, browser, people, role):
    identifiers = _identifiers()
    failures = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        page = context.new_page()
        _log_in(page, live_server.url, people[role])
        urls = _reachable(page, live_server.url)
        plan_page = [u for u in urls if re.search(r"/plans/\d+/$", u)]
        if plan_page:  # a deep page from the overview's table
            page.goto(plan_page[0])
            task = page.eval_on_selector_all("main a", "els => els.map(a => a.href)")
            urls += [h for h in task if re.search(r"/tasks/\d+/$", h)][:1]
        for url in urls:
            page.goto(url)
            fit = page.evaluate(OVERFLOW)
            if fit["scroll"] > fit["vw"]:
                failures.append(f"{width}px {url}: {fit['scroll']} > {fit['vw']} {fit['wide']}")
            words = set(re.findall(r"[a-z_]+", page.locator("body").inner_text()))
            if identifiers & words:
                failures.append(f"{width}px {url}: shows {sorted(identifiers & words)}")
        context.close()
    assert not failures, "\n".join(failures)


def test_every_public_page_fits_and_speaks_chinese(live_server, browser, people):
    from duban.web.plans.models import Period, Report
    from duban.web.rounds.services import period_publish

    period = Period.objects.get()
    Report.objects.filter(period=period).update(state=Report.State.ACCEPTED)
    Period.objects.filter(pk=period.pk).update(state=Period.State.CLOSED)
    period.refresh_from_db()
    period_publish(period, actor=people["office"])
    identifiers = _identifiers()
    failures = []
    base = live_server.url
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        page = context.new_page()
        for url in (
            f"{base}/",
            f"{base}/public/",
            f"{base}/public/{period.pk}/",
            f"{base}/public/{period.pk}/tasks/1/",
            f"{base}/search/?q=%E6%A3%9A%E6%94%B9",
        ):
            page.goto(url)
            fit = page.evaluate(OVERFLOW)
            if fit["scroll"] > fit["vw"]:
                failures.append(f"{width}px {url}: {fit['scroll']} > {fit['vw']} {fit['wide']}")
            words = set(re.findall(r"[a-z_]+", page.locator("body").inner_text()))
            if identifiers & words:
                failures.append(f"{width}px {url}: shows {sorted(identifiers & words)}")
        context.close()
    assert not failures, "\n".join(failures)


def test_a_leader_reaches_the_dashboard_in_one_click(live_server, page, people):
    _log_in(page, live_server.url, people["leader"])
    page.click("nav.main >> text=挂图作战")
    page.wait_for_url(re.compile(r"/dashboard/plans/\d+/"))
    assert page.locator("[data-chart]").count() >= 1


def test_a_unit_finds_its_tasks_from_home_on_a_phone(live_server, browser, people):
    from datetime import date

    from duban.web.plans.models import Plan
    from duban.web.rounds.services import round_open

    office = people["office"]
    round_open(
        Plan.objects.get(),
        label="10月",
        end_month=10,
        kind="month",
        deadline=date(2021, 11, 5),
        actor=office,
    )
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    _log_in(page, live_server.url, people["unit"])
    cards = page.locator("li.task-card")
    assert cards.count() >= 1
    first = cards.first.inner_text()
    assert "报送期" in first and "截止" in first and "11月5日" in first
    # 我的任务 as a table becomes cards on the phone: every figure carries its column's name.
    page.click("nav.main >> text=我的任务")
    page.wait_for_url(re.compile(r"/my/$"))
    unlabelled = page.eval_on_selector_all(
        "main table td",
        "tds => tds.filter(td => td.innerText.trim() && !td.dataset.label && !td.querySelector('a')).map(td => td.innerText)",
    )
    assert unlabelled == []
    assert page.locator("main table td[data-label='序号']").first.inner_text() != ""
    page.locator("main a.button").first.click()
    page.wait_for_url(re.compile(r"/reports/\d+/edit/"))
    context.close()


def test_every_main_tool_is_within_two_clicks_of_the_office_home(live_server, page, people):
    _log_in(page, live_server.url, people["office"])
    menu = page.eval_on_selector_all("nav.main a", "els => els.map(a => a.textContent.trim())")
    assert menu == ["总览", "填报轮次", "审核", "挂图作战", "考核", "检索", "上传", "公开", "设置"]
    for label in menu:
        page.goto(f"{live_server.url}/")
        page.click(f"nav.main >> text={label}")
        page.wait_for_load_state()
        assert page.locator("h1").count() >= 1, label


def test_the_wall_display_fits_1920_by_1080(live_server, browser, people):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    _log_in(page, live_server.url, people["leader"])
    page.click("nav.main >> text=挂图作战")
    page.click("text=大屏模式")
    page.wait_for_url(re.compile(r"/screen/"))
    page.wait_for_function("document.querySelectorAll('[data-chart] canvas').length >= 5")
    size = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size[0] <= 1920 and size[1] <= 1080, size
    # No chart's legend sits on its title: the legend starts below the title's line.
    for chart in page.eval_on_selector_all("[data-chart]", "els => els.map(e => e.dataset.chart)"):
        boxes = page.evaluate(
            """(id) => { const c = echarts.getInstanceByDom(document.querySelector(`[data-chart="${id}"]`));
                const o = c.getOption(); return [o.title[0].top || 0, (o.legend && o.legend[0]) ? o.legend[0].top : null]; }""",
            chart,
        )
        if boxes[1] is not None:
            assert boxes[1] >= 24, (chart, boxes)
    context.close()


def test_the_public_period_page_folds_by_section_on_a_phone(live_server, browser, people):
    from duban.web.plans.models import Period, Report
    from duban.web.rounds.services import period_publish

    period = Period.objects.get()
    Report.objects.filter(period=period).update(state=Report.State.ACCEPTED)
    Period.objects.filter(pk=period.pk).update(state=Period.State.CLOSED)
    period.refresh_from_db()
    period_publish(period, actor=people["office"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.click(f"main a[href='/public/{period.pk}/']")
    page.wait_for_url(re.compile(rf"/public/{period.pk}/"))
    assert page.locator("details.public-section").count() >= 2
    assert "下载Word" in page.locator("main").inner_text().replace(" ", "")
    height, width = page.evaluate(
        "() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth]"
    )
    assert width <= 390 and height < 6000, (width, height)
    page.locator("details.public-section summary").first.click()
    assert page.locator("details.public-section[open] article.public-task").count() >= 1
    context.close()
