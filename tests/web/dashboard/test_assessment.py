"""考核: points per unit, each traceable to its report or task; ranking; CSV and XLSX."""

from __future__ import annotations

import io

import pytest


def test_it_deducts_for_a_missing_report_and_links_the_task(world, q4_submitted):
    from duban.web.dashboard.assessment import assessment

    scores = {s.unit_name: s for s in assessment(world.plan, world.q4, [world.q3, world.q4])}
    finance = scores["区财政局"]
    assert finance.score == 90
    (point,) = finance.points
    assert (point.kind, point.points, point.task_seq) == ("missing", -10, 2)
    assert point.link == f"/tasks/{world.tasks[2].pk}/?period={world.q4.pk}"
    assert scores["区发改局"].score == 100 and scores["区发改局"].rank == 1


def test_a_draft_is_not_a_report_the_unit_is_missing(world):
    """区发改局 has only a draft of task 1 in Q4: 未报送, as the dashboard and bulletin say."""
    from duban.web.dashboard.assessment import assessment

    scores = {s.unit_name: s for s in assessment(world.plan, world.q4, [world.q3, world.q4])}
    assert [(p.kind, p.task_seq) for p in scores["区发改局"].points] == [("missing", 1)]
    assert scores["区发改局"].score == 90


def test_it_reads_the_offices_own_points_from_settings(world, settings):
    from duban.web.dashboard.assessment import assessment

    settings.DUBAN_ASSESSMENT = {"missing": -20}
    scores = {s.unit_name: s for s in assessment(world.plan, world.q4, [world.q3, world.q4])}
    assert scores["区财政局"].score == 80


def test_it_shows_the_change_of_rank_since_the_last_period(world, q4_submitted):
    from duban.web.dashboard.assessment import assessment

    scores = assessment(world.plan, world.q4, [world.q3, world.q4])
    # In Q3 the 区工信局 report exists (task 3, text without a unit goes to the lead unit).
    industry = next(s for s in scores if s.unit_name == "区工信局")
    assert industry.change is not None and industry.change < 0


@pytest.mark.parametrize("role,status", [("office", 200), ("leader", 200), ("unit_a", 403)])
def test_it_is_shown_to_the_office_and_leaders(world, as_user, role, status):
    url = f"/dashboard/plans/{world.plan.pk}/assessment/?period={world.q4.pk}"
    assert as_user(world.users[role]).get(url).status_code == status


def test_it_exports_csv_and_xlsx(world, as_user, q4_submitted):
    from openpyxl import load_workbook

    client = as_user(world.users["office"])
    base = f"/dashboard/plans/{world.plan.pk}/assessment"
    csv = client.get(f"{base}.csv?period={world.q4.pk}").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "名次,单位,得分,名次变化,未报送,逾期,无实质内容,超额完成"
    assert "区财政局,2,未报送,-10," in csv
    xlsx = client.get(f"{base}.xlsx?period={world.q4.pk}").content
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["考核排名", "扣加分明细"]
    details = [[c.value for c in row][:4] for row in book["扣加分明细"].iter_rows(min_row=2)]
    # Every unit asked and silent: the draft of 底阁镇, and the lead and co-units of the tasks
    # nobody has a slot on (a round asks them all).
    assert sorted(details) == sorted(
        [
            ["底阁镇", 1, "未报送", -10],
            ["区财政局", 2, "未报送", -10],
            ["区税务局", 2, "未报送", -10],
            ["区工信局", 3, "未报送", -10],
            ["丰源集团", 3, "未报送", -10],
        ]
    )


def test_no_bonus_from_a_share_of_the_work_read_as_a_count(db, example_plan):
    """Task 51: "11个老旧小区的改造已完成90%" is 90% of the work (the core's completion 0.9), not
    90 of 11 estates: 区住建局 earns no 超额完成 for it."""
    from duban.web.dashboard.assessment import assessment
    from duban.web.dashboard.verdicts import period_judgement
    from duban.web.plans.models import Period, Task
    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    period = Period.objects.get()
    task = Task.objects.get(seq=51)
    (estates,) = period_judgement(period.plan, period).tasks[task.pk].indicators
    assert estates.completion == pytest.approx(0.9)
    scores = {s.unit_name: s for s in assessment(period.plan, period, [period])}
    assert not [p for p in scores["区住建局"].points if p.kind == "exceeded" and p.task_seq == 51]
