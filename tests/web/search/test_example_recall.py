"""On the whole example, every query finds exactly the entries whose text contains it, or one
of its synonyms (the starter list: the superuser searches across organizations)."""

from __future__ import annotations

import pytest

# The research trial's kinds of query: two-character words, words that segmenters split
# differently, local coinages, a company, ASCII and mixed words.
QUERIES = [
    "税收",
    "就业",
    "投资",
    "乡诉",
    "石榴",
    "5G",
    "资产投资",
    "业收入",
    "预算收入",
    "双招双引",
    "榴乡诉递",
    "康震制药",
    "5G基站",
    "4900户",
    "榴",
    "同比增长",
    "智博智能科技孵化基地",
    "枣庄",
]


@pytest.fixture
def example_db(db, example_plan):
    from django.contrib.auth import get_user_model

    from duban.web.plans.services import plan_import

    plan_import(example_plan, source="example")
    return get_user_model().objects.create_superuser("root", password="x")


def test_it_finds_every_entry_that_contains_the_query_and_no_other(example_db, monkeypatch):
    from django.db.models import Q

    from duban.web.search import selectors
    from duban.web.search.models import SearchEntry
    from duban.web.search.synonyms import STARTER

    monkeypatch.setattr(selectors, "PAGE_SIZE", 10_000)
    found_any = 0
    for query in QUERIES:
        results = selectors.search(query, selectors.SearchFilters(), 1, example_db)
        words = {query} | {w for g in STARTER if query in g.split() for w in g.split()}
        either = Q()
        for word in words:
            either |= Q(text__icontains=word)
        truth = set(SearchEntry.objects.filter(either).values_list("pk", flat=True))
        assert {h.entry.pk for h in results.hits} == truth, query
        found_any += bool(truth)
    assert found_any == len(QUERIES)
