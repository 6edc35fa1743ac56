"""A list answers in a fixed number of queries whatever its length (no query per row)."""

from __future__ import annotations

import pytest

from tests.web.api.test_answers_match_pages import example  # noqa: F401  (fixture)

BOUNDS = {
    "/organizations": 6,
    "/units": 7,
    "/plans": 6,
    "/sections": 6,
    "/tasks": 7,
    "/periods": 6,
    "/reports": 6,
}


@pytest.mark.parametrize("path", sorted(BOUNDS))
def test_a_full_page_of_the_example_takes_a_bounded_number_of_queries(
    example,  # noqa: F811
    path,
    django_assert_max_num_queries,
):
    _, _, _, readers = example
    _, api = readers["office"]
    with django_assert_max_num_queries(BOUNDS[path]):
        answer = api.get(path, limit=500)
    assert answer.status_code == 200
    assert path in ("/organizations", "/plans", "/periods") or answer.json()["total"] > 5
