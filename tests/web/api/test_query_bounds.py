"""A list answers in a fixed number of queries whatever its length (no query per row)."""

from __future__ import annotations

import pytest

from tests.web.api.test_answers_match_pages import example  # noqa: F401  (fixture)

# Each includes the request's rate count: 5 queries (read and write one cache row, in the
# database shared by every app server; settings.CACHES, duban/web/api/throttle.py).
BOUNDS = {
    "/organizations": 11,
    "/units": 12,
    "/plans": 11,
    "/sections": 11,
    "/tasks": 12,
    "/periods": 11,
    "/reports": 11,
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
