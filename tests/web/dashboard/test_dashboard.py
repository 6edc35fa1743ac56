"""The dashboard: verdict counts from the one judgement, charts with links and tables beside
them, the task list behind a chart element, the wall display; members only."""

from __future__ import annotations

import json

import pytest


def _url(world, path="", period=None):
    period = period or world.q3
    return f"/dashboard/plans/{world.plan.pk}/{path}?period={period.pk}"


def test_it_counts_not_reported_apart_from_no_progress(world):
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.plans.models import Report

    # Q4 holds only 区发改局's draft on task 1: a draft is not reported.
    q4 = period_judgement(world.plan, world.q4)
    assert {v.verdict for v in q4.tasks.values()} == {"not_reported"}
    draft = world.drafts["区发改局"]
    draft.state, draft.version = Report.State.SUBMITTED, draft.version + 1
    draft.save()
    q4 = period_judgement(world.plan, world.q4)
    assert q4.tasks[world.tasks[1].pk].verdict not in ("not_reported", "stalled")
    assert q4.counts()["not_reported"] == 2


@pytest.mark.parametrize("role", ["office", "leader", "unit_a"])
def test_it_shows_members_every_chart_with_its_numbers_as_a_table(world, as_user, role):
    response = as_user(world.users[role]).get(_url(world, period=world.q4))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("verdicts", "sections", "trends", "heat", "indicators"):
        assert f'data-chart="chart-{name}"' in html
        assert f'id="chart-{name}"' in html
    assert "<script>" not in html and "onclick" not in html  # CSP: static scripts only
    assert "未报送" in html and "区发改局" in html


def test_it_gives_every_bar_a_link_to_its_task_list(world, q4_submitted, as_user):
    response = as_user(world.users["office"]).get(_url(world, period=world.q4))
    charts = response.context["charts"]
    option, links = charts["verdicts"]["option"], charts["verdicts"]["links"]
    assert option["toolbox"]["feature"]["saveAsImage"]
    not_reported = option["xAxis"]["data"].index("未报送")
    assert option["series"][0]["data"][not_reported]["value"] == 2
    target = links[0][not_reported]
    assert (
        target
        == f"/dashboard/plans/{world.plan.pk}/tasks/?period={world.q4.pk}&verdict=not_reported"
    )
    html = response.content.decode()
    start = html.index('id="chart-sections"')
    embedded = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert embedded == charts["sections"]  # the page carries the same options and links
    listing = as_user(world.users["office"]).get(target)
    assert [t.seq for t, _ in listing.context["rows"]] == [2, 3]


def test_it_lists_a_units_led_tasks_with_missing_reports_counted(world, q4_submitted):
    from duban.web.dashboard.selectors import plan_dashboard

    dash = plan_dashboard(world.plan, world.q4, world.users["office"])
    rows = {r.unit.name: r for r in dash.units}
    assert (rows["区财政局"].led, rows["区财政局"].missing) == (1, 1)
    assert (rows["区发改局"].led, rows["区发改局"].on_time, rows["区发改局"].missing) == (1, 1, 0)
    # A co-unit asked for task 1 with only a draft: 未报送, though it leads nothing.
    assert (rows["底阁镇"].led, rows["底阁镇"].on_time, rows["底阁镇"].missing) == (0, 0, 1)


def test_it_heat_maps_sections_against_periods(world):
    from duban.web.dashboard.selectors import plan_dashboard

    dash = plan_dashboard(world.plan, world.q4, world.users["office"])
    assert [p.pk for p in dash.periods] == [world.q3.pk, world.q4.pk]
    assert [len(row) for _, row in dash.heat] == [2, 2]


def test_the_wall_display_is_dark_and_refreshes_itself(world, as_user):
    response = as_user(world.users["leader"]).get(_url(world, "screen/"))
    html = response.content.decode()
    assert 'class="screen"' in html and 'data-refresh="300"' in html
    assert "duban/screen.js" in html


@pytest.mark.parametrize("path", ["", "screen/", "tasks/", "assessment/", "assessment.csv"])
def test_it_shows_anonymous_visitors_and_other_organizations_nothing(world, as_user, path):
    assert as_user(None).get(_url(world, path)).status_code == 404
    assert as_user(world.users["other_office"]).get(_url(world, path)).status_code == 404


def test_the_indicator_chart_marks_each_indicators_own_schedule_from_the_core(db):
    """A task due in June is 100% due by September: the chart shows the core's share per
    indicator, never m/12 of the period."""
    from types import SimpleNamespace

    from duban.web.dashboard.charts import indicator_chart
    from duban.web.dashboard.verdicts import Indicator, TaskVerdict

    def amount(schedule: float) -> Indicator:
        return Indicator("项目", "个", 10, 6, 0.6, schedule, "behind", kind="amount")

    tasks = [
        (SimpleNamespace(pk=1, seq=1), TaskVerdict(1, 1, "behind", "", (), (amount(1.0),))),
        (SimpleNamespace(pk=2, seq=2), TaskVerdict(2, 2, "behind", "", (), (amount(0.75),))),
    ]
    dash = SimpleNamespace(indicators=tasks, public=False, period=SimpleNamespace(pk=7))
    series = indicator_chart(dash)["option"]["series"]
    assert [s["name"] for s in series] == ["完成率", "序时进度"]
    assert series[0]["data"] == [60.0, 60.0] and series[1]["data"] == [100.0, 75.0]
