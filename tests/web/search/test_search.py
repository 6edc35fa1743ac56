"""search(): two-character queries, filters, paging, highlighting, access, index kept in sync."""

from __future__ import annotations

import pytest

from duban.web.search.selectors import SearchFilters, search

NONE = SearchFilters()


def _seqs(results):
    return sorted((h.entry.task.seq, h.entry.kind) for h in results.hits)


def test_it_finds_two_character_words_in_targets_and_reports(world):
    office = world.users["office"]
    assert _seqs(search("投资", NONE, 1, office)) == [
        (1, "report"),
        (1, "report"),
        (1, "task"),
    ]  # 固定资产投资 in task 1's target, Q3 report of 底阁镇 and its Q4 draft
    assert _seqs(search("预算", NONE, 1, office)) == [(2, "report"), (2, "task")]


def test_it_finds_one_character_and_mixed_queries_as_written(world):
    office = world.users["office"]
    # 增长 in three targets, the Q3 report and the Q4 draft of 区发改局; never in 底阁镇's texts.
    assert _seqs(search("增", NONE, 1, office)) == [
        (1, "report"),
        (1, "report"),
        (1, "task"),
        (2, "task"),
        (3, "task"),
    ]
    hits = search("12.1%", NONE, 1, office).hits
    assert [h.entry.task.seq for h in hits] == [1]
    assert search("2.1亿元", NONE, 1, office).total == 0  # 2.36亿元 is in the text, not 2.1亿元


def test_it_highlights_every_match_in_the_snippet(world):
    (hit,) = search("土建", NONE, 1, world.users["office"]).hits
    assert hit.snippet == "危化品停车场正在进行<mark>土建</mark>施工。"


def test_it_escapes_report_text_in_snippets(world):
    from duban.web.plans.services import report_save

    draft = world.drafts["区发改局"]
    report_save(draft, text="<b>5G基站</b>建设", actor=world.users["unit_a"], expected_version=1)
    (hit,) = search("5G", NONE, 1, world.users["unit_a"]).hits
    assert hit.snippet == "&lt;b&gt;<mark>5G</mark>基站&lt;/b&gt;建设"


def test_it_reindexes_a_report_when_it_is_saved(world):
    from duban.web.plans.services import report_save

    draft = world.drafts["区发改局"]
    assert search("石榴", NONE, 1, world.users["office"]).total == 0
    assert search("生产总值", NONE, 1, world.users["office"]).total == 3
    report_save(draft, text="石榴产业园开工。", actor=world.users["unit_a"], expected_version=1)
    assert search("石榴", NONE, 1, world.users["office"]).total == 1
    assert search("生产总值", NONE, 1, world.users["office"]).total == 2  # the old draft is gone


def test_it_searches_as_the_user_may_read(world):
    # Drafts: their unit and the office see them; another unit and the public do not.
    assert search("草稿", NONE, 1, world.users["unit_a"]).total == 1
    assert search("草稿", NONE, 1, world.users["office"]).total == 2
    assert search("草稿", NONE, 1, world.users["other_office"]).total == 0
    assert search("投资", NONE, 1, None).total == 0  # nothing is published yet


def test_it_shows_the_public_only_published_periods(world):
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    results = search("投资", NONE, 1, None)
    assert _seqs(results) == [(1, "report"), (1, "task")]
    assert all(h.entry.period_id in (None, world.q3.pk) for h in results.hits)


def test_it_filters_by_period_unit_section_year_and_kind(world):
    office = world.users["office"]
    q3, q4 = world.q3.pk, world.q4.pk
    assert search("投资", SearchFilters(period=q4), 1, office).total == 2  # target + Q4 draft
    assert search("投资", SearchFilters(period=q3, kind="report"), 1, office).total == 1
    unit = world.units["底阁镇"].pk
    assert search("投资", SearchFilters(unit=unit), 1, office).total == 2
    section = world.tasks[3].section_id
    assert search("施工", SearchFilters(section=section), 1, office).total == 1
    assert search("施工", SearchFilters(year=2020), 1, office).total == 0
    assert search("投资", SearchFilters(organization=world.org.pk), 1, office).total == 3


def test_it_filters_by_verdict_within_a_period(world, q4_submitted):
    office = world.users["office"]
    results = search("增长", SearchFilters(period=world.q4.pk, verdict="not_reported"), 1, office)
    assert {h.entry.task.seq for h in results.hits} == {2, 3}  # no Q4 report on tasks 2 and 3
    no_period = search("增长", SearchFilters(verdict="not_reported"), 1, office)
    assert no_period.notes and no_period.total == 5


def test_it_pages_results(world, settings, monkeypatch):
    from duban.web.search import selectors

    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    office = world.users["office"]
    first, second = search("增", NONE, 1, office), search("增", NONE, 2, office)
    assert (first.pages, len(first.hits), len(second.hits)) == (3, 2, 2)
    assert {h.entry.pk for h in first.hits}.isdisjoint(h.entry.pk for h in second.hits)


def test_the_search_page_renders_highlighted_hits(world, as_user):
    response = as_user(world.users["office"]).get("/search/", {"q": "土建"})
    assert response.status_code == 200
    assert "<mark>土建</mark>" in response.content.decode()


@pytest.mark.postgres
def test_it_keeps_a_stored_tsvector_with_a_gin_index_on_postgresql(world):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_tsv_gin'")
        assert "USING gin (tsv)" in cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM search_searchentry WHERE tsv @@ '投资'::tsquery")
        # Task 1: target, 底阁镇 Q3 report and Q4 draft here; target and Q3 report in 台儿庄区.
        assert cur.fetchone()[0] == 5


# The cap: a word in most texts lists its newest CAP matches, says so, and pages within them.
# "增" is in the targets of tasks 1-3, the Q3 report on task 1 and its Q4 draft (the office).


@pytest.fixture
def cap3(monkeypatch):
    from duban.web.search import selectors

    monkeypatch.setattr(selectors, "CAP", 3)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)


def _listed(results):
    return [(h.entry.task.seq, h.entry.kind, h.entry.period_id) for h in results.hits]


def test_it_lists_every_match_newest_first_and_exactly_under_the_cap(world):
    q3, q4 = world.q3.pk, world.q4.pk
    results = search("增", NONE, 1, world.users["office"])
    assert (results.total, results.capped, results.notes) == (5, False, [])
    # Latest period first; a target (the start of its year) after its year's reports.
    assert _listed(results) == [
        (1, "report", q4),
        (1, "report", q3),
        (1, "task", None),
        (2, "task", None),
        (3, "task", None),
    ]


def test_it_lists_only_the_newest_matches_above_the_cap_and_says_so(world, cap3):
    office = world.users["office"]
    first, second = search("增", NONE, 1, office), search("增", NONE, 2, office)
    assert (first.total, first.capped, first.pages, second.page) == (3, True, 2, 2)
    assert _listed(first) == [(1, "report", world.q4.pk), (1, "report", world.q3.pk)]
    assert _listed(second) == [(1, "task", None)]  # the 3rd newest; tasks 2 and 3 left out
    assert any("超过 3 条结果" in n and "筛选" in n for n in first.notes)
    assert _listed(search("增", NONE, 99, office)) == _listed(second)  # past the end: the last


def test_a_match_count_at_the_cap_or_narrowed_by_a_filter_is_exact(world, cap3):
    office = world.users["office"]
    at_cap = search("投资", NONE, 1, office)  # target, Q3 report and Q4 draft of task 1
    assert (at_cap.total, at_cap.capped, at_cap.notes) == (3, False, [])
    assert search("预算", NONE, 1, office).total == 2
    targets = search("增", SearchFilters(kind="task"), 1, office)
    assert (targets.total, targets.capped) == (3, False)
    q3 = search("增", SearchFilters(period=world.q3.pk), 1, office)  # 3 targets + Q3 report
    assert (q3.total, q3.capped) == (3, True)
    unit = search("增", SearchFilters(unit=world.units["区发改局"].pk, kind="report"), 1, office)
    assert (unit.total, unit.capped) == (2, False)


def test_the_search_page_and_the_api_say_the_total_is_capped(world, as_user, cap3):
    from django.test import Client

    from duban.web.api.tokens import token_create

    page = as_user(world.users["office"]).get("/search/", {"q": "增"}).content.decode()
    assert "共 3+ 条结果" in page and "请加筛选条件缩小范围" in page
    _, secret = token_create(world.users["office"], name="tests")
    answer = Client().get("/api/v1/search", {"q": "增"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert answer.json()["total"] == 3 and answer.json()["capped"] is True
    answer = Client().get("/api/v1/search", {"q": "预算"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert answer.json()["total"] == 2 and answer.json()["capped"] is False


def test_entries_keep_their_period_end_for_the_newest_first_index(world):
    from django.db import connection

    from duban.web.search.models import SearchEntry

    entries = SearchEntry.objects.filter(plan=world.plan)
    assert {e.end_month for e in entries if e.kind == "task"} == {0}
    assert {(e.period_id, e.end_month) for e in entries if e.kind == "report"} == {
        (world.q3.pk, 9),
        (world.q4.pk, 12),
    }
    with connection.cursor() as cur:
        indexes = connection.introspection.get_constraints(cur, SearchEntry._meta.db_table)
    assert indexes["search_newest"]["columns"] == ["year", "end_month", "task_id", "id"]
    assert indexes["search_org_newest"]["columns"][:2] == ["organization_id", "year"]


@pytest.mark.postgres
def test_the_planner_settings_of_a_search_end_with_it(world):
    from django.db import connection

    def settings():
        with connection.cursor() as cur:
            cur.execute("SELECT current_setting('enable_bitmapscan'), current_setting('jit')")
            return cur.fetchone()

    before = settings()
    search("增", NONE, 1, world.users["office"])  # one organization: no bitmap scans, no JIT
    assert settings() == before
