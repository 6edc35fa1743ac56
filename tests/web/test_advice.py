"""Help before submitting: the editor shows, as the unit types, what duban reads from its text —
the figures against the task's targets, the verdict it would give, a warning for text with only
general words — through the core's judge_task for that one task; advice, never a block."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def editor(world, client):
    client.force_login(world.users["unit_a"])
    report = world.drafts["区发改局"]
    return client, report, f"/reports/{report.pk}/advice/"


def test_the_editor_asks_for_advice_as_the_unit_types(editor):
    client, report, url = editor
    page = client.get(f"/reports/{report.pk}/edit/").content.decode()
    assert f'hx-post="{url}"' in page and "from:#id_text" in page


def test_it_shows_the_figure_it_reads_and_the_verdict_it_would_give(editor):
    client, _, url = editor
    text = "1-12月，城乡居民人均可支配收入同比增长6.8%。"
    answer = client.post(url, {"text": text})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "城乡居民人均可支配收入同比增长6.8%" in html
    advice = answer.context["advice"]
    assert advice.verdict == "on_schedule" and "按此文字将研判为：达序时进度" in html
    income = next(r for r in advice.readings if "收入" in r.metric)
    assert income.found and income.target == "6%"


def test_it_warns_of_text_with_only_general_words_and_still_lets_the_unit_save(editor):
    client, report, url = editor
    vague = "积极推进各项工作，取得良好成效。"
    advice = client.post(url, {"text": vague}).context["advice"]
    assert advice.vague
    saved = client.post(
        f"/reports/{report.pk}/edit/", {"text": vague, "version": report.version, "save": "1"}
    )
    assert saved.status_code == 302  # advice, never a block
    report.refresh_from_db()
    assert report.text == vague


def test_nothing_is_saved_by_asking(editor):
    client, report, url = editor
    client.post(url, {"text": "1-12月，地区生产总值增长7%。"})
    before = report.text
    report.refresh_from_db()
    assert report.text == before and report.version == 1


def test_another_unit_gets_no_advice_on_a_report_not_its_own(world, client):
    client.force_login(world.users["unit_b"])
    answer = client.post(f"/reports/{world.drafts['区发改局'].pk}/advice/", {"text": "x"})
    assert answer.status_code == 403


def test_it_answers_within_50_ms_on_the_whole_example(db, example_plan):
    """Only the one task is read and judged, however many the plan has (108 here)."""
    from duban.web.plans.models import Report
    from duban.web.plans.services import plan_import
    from duban.web.rounds.advice import advise

    plan_import(example_plan, source="example")
    report = Report.objects.select_related("task__plan__organization", "period", "unit").get(
        task__seq=51, unit__name="区住建局"
    )
    text = "11个老旧小区已全面开工建设，改造已完成90%，积极推进。"
    assert advise(report, text).readings[0].finding  # the first call imports and warms
    times = []
    for _ in range(9):
        start = time.perf_counter()
        advise(report, text)
        times.append(time.perf_counter() - start)
    assert sorted(times)[len(times) // 2] < 0.050
