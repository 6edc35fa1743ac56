"""The header menu asks the gate once per (model, action) on a page: each question compiles the
rule's SQL (no query runs), which was the largest cost of the rush's pages (docs/PERFORMANCE.md)."""

from __future__ import annotations

from collections import Counter

import pytest

from duban.web import navigation

# A reporter's /my/ and the office's overview, each with the menu's whole set of questions.
PAGES = [("unit_a", "/my/"), ("office", "/")]


@pytest.fixture
def asked(monkeypatch):
    seen: Counter[tuple[str, str]] = Counter()
    real = navigation.gate_allows

    def counting(actor, model, action):
        seen[(model.__name__, action)] += 1
        return real(actor, model, action)

    monkeypatch.setattr(navigation, "gate_allows", counting)
    return seen


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_the_menu_asks_the_gate_each_question_once_per_page(world, client, asked, who, path):
    client.force_login(world.users[who])
    assert client.get(path).status_code == 200
    distinct = {(i.model.__name__, i.action) for i in navigation.MAIN + navigation.SECONDARY}
    assert asked, "the page shows no menu"
    assert set(asked) <= distinct
    assert max(asked.values()) == 1, asked
