"""The header menu comes from the permission gate: each role sees the tools it may use, and its
home page starts its day's work (issue 18 items 1 and 7)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="main"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)')


def menu(body: str) -> list[str]:
    return [label for _, label in LINK.findall(MENU.search(body).group(1))]


def menu_links(body: str) -> dict[str, str]:
    return {label: url for url, label in LINK.findall(MENU.search(body).group(1))}


def test_it_gives_each_role_its_menu(world, as_user):
    expected = {
        "office": ["总览", "填报轮次", "审核", "挂图作战", "考核", "检索", "上传", "公开", "设置"],
        "leader": ["总览", "挂图作战", "考核", "检索"],
        "unit_a": ["我的任务", "检索"],
    }
    for persona, labels in expected.items():
        assert menu(as_user(world.users[persona]).get("/").content.decode()) == labels, persona
    assert menu(as_user(None).get("/").content.decode()) == ["检索"]


def test_it_points_the_menu_into_the_users_own_organization(world, as_user):
    links = menu_links(as_user(world.users["office"]).get("/").content.decode())
    assert links["总览"] == reverse("plan", args=[world.plan.pk])
    assert links["挂图作战"] == reverse("dashboard", args=[world.plan.pk])
    assert links["考核"] == reverse("assessment", args=[world.plan.pk])
    assert links["上传"] == reverse("document_upload", args=[world.org.pk])
    assert links["设置"] == reverse("light_settings", args=[world.org.pk])
    assert links["公开"] == reverse("public_index")
    # 填报轮次 and 审核 open the latest period when no round is open.
    assert links["填报轮次"] == reverse("round", args=[world.q4.pk])
    assert links["审核"].startswith(f"/rounds/{world.q4.pk}/")


def test_every_menu_link_opens_for_its_role(world, as_user):
    for persona in ("office", "leader", "unit_a"):
        client = as_user(world.users[persona])
        for label, url in menu_links(client.get("/").content.decode()).items():
            assert client.get(url.split("#")[0]).status_code == 200, (persona, label, url)


def test_it_keeps_tokens_and_admin_out_of_the_main_menu(world, as_user):
    body = as_user(world.users["office"]).get("/").content.decode()
    assert "接口令牌" not in menu(body)
    account = re.search(r'<nav class="account"[^>]*>(.*?)</nav>', body, re.S).group(1)
    assert 'href="/account/tokens/"' in account and "退出" in account
    assert f'href="{reverse("accounts", args=[world.org.pk])}"' in account


def test_it_marks_the_page_the_user_is_on(world, as_user):
    client = as_user(world.users["leader"])
    body = client.get(reverse("assessment", args=[world.plan.pk])).content.decode()
    current = re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)', body)
    assert current == ["考核"]


def test_the_office_home_shows_the_current_rounds_progress(world, as_user):
    from duban.web.plans.models import Report

    q4 = world.q4  # open, with two drafts of task 1
    Report.objects.filter(pk=world.drafts["区发改局"].pk).update(state=Report.State.SUBMITTED)
    body = as_user(world.users["office"]).get("/").content.decode()
    assert f"{q4}" in body
    assert '<span class="n">1/2</span><span>已报送 50%</span>' in body
    assert '<span class="n">1</span><span>待审核</span>' in body
    assert '<span class="n">0</span><span>逾期</span>' in body
    assert "红灯" in body
    assert reverse("review_queue", args=[q4.pk]) in body


def test_the_leader_home_is_the_dashboard_summary_one_click_from_the_dashboard(world, as_user):
    body = as_user(world.users["leader"]).get("/").content.decode()
    assert "达序时进度" in body and "滞后" in body
    assert f'href="{reverse("dashboard", args=[world.plan.pk])}' in body
    assert '<td class="seq">' not in body  # not the whole table of tasks


def test_the_unit_home_lists_its_open_tasks_with_labels(world, as_user):
    from duban.web.rounds.services import round_open

    round_open(
        world.plan,
        label="10月",
        end_month=10,
        kind="month",
        deadline=__import__("datetime").date(2021, 11, 5),
        actor=world.users["office"],
    )
    body = as_user(world.users["unit_a"]).get("/").content.decode()
    assert body.count('class="task-card') >= 1
    assert "<dt>报送期</dt>" in body and "<dt>截止</dt>" in body
    assert "11月5日" in body
    assert "未填报" in body


def test_the_anonymous_home_links_the_published_periods(world, as_user):
    from duban.web.rounds.services import period_publish

    assert "尚未公开任何内容" in as_user(None).get("/").content.decode()
    world.q3.state = "closed"
    world.q3.save()
    period_publish(world.q3, actor=world.users["office"])
    body = as_user(None).get("/").content.decode()
    assert f'href="{reverse("public_period", args=[world.q3.pk])}"' in body
    assert "暂无可查看的内容" not in body


def test_no_home_shows_a_code_identifier(world, as_user):
    from duban.core.judgement.labels import FLAG_LABELS, VERDICT_LABELS
    from duban.web.plans.models import Period, Report

    identifiers = {*VERDICT_LABELS, *FLAG_LABELS, *Report.State.values, *Period.State.values}
    for persona in ("office", "leader", "unit_a", None):
        client = as_user(world.users[persona] if persona else None)
        text = re.sub(r"<[^>]+>", " ", client.get("/").content.decode())
        words = set(re.findall(r"[a-z_]+", text))
        assert not identifiers & words, (persona, identifiers & words)


CRUMBS = re.compile(r'<nav class="crumbs[^"]*"[^>]*>(.*?)</nav>', re.S)


def crumbs(body: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in CRUMBS.search(body).group(1).split(" › ")]


def test_deep_pages_show_the_trail_back_to_the_home(world, as_user):
    client = as_user(world.users["office"])
    task = world.tasks[1]
    section = task.section.title
    body = client.get(f"/tasks/{task.pk}/?period={world.q4.pk}").content.decode()
    assert crumbs(body) == ["首页", "总览", section, "第 1 项"]
    report = world.drafts["区发改局"]
    body = client.get(f"/reports/{report.pk}/").content.decode()
    assert crumbs(body) == ["首页", "总览", section, "第 1 项", f"区发改局 · {world.q4}"]
    body = client.get(f"/rounds/{world.q4.pk}/").content.decode()
    assert crumbs(body) == ["首页", "总览", str(world.q4)]
    assert CRUMBS.search(client.get("/").content.decode()) is None  # the home is the top


def test_it_names_the_role_beside_the_account_on_every_page(world, as_user):
    body = as_user(world.users["unit_a"]).get("/search/").content.decode()
    assert "unit_a（单位填报）" in body
    body = as_user(world.users["leader"]).get("/account/tokens/").content.decode()
    assert "leader（领导）" in body
