"""Input the API refuses with 422 and a JSON error, never a server error: control characters
(PostgreSQL cannot store or compare NUL), ids and offsets beyond the database's integers, a body
that is not JSON."""

from __future__ import annotations


def test_a_text_with_control_characters_is_refused_with_422(world, api_as):
    draft_a = world.drafts["区发改局"]
    answer = api_as("unit_a").put(f"/reports/{draft_a.pk}", {"text": "a\x00b", "version": 1})
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid"


def test_a_search_with_a_nul_byte_is_refused_with_422_not_a_server_error(world, api_as):
    # PostgreSQL cannot compare text with NUL in it; the query never reaches the database.
    answer = api_as("office").get("/search", q="地区\x00生产")
    assert answer.status_code == 422


def test_ids_and_offsets_beyond_the_databases_integers_are_refused(world, api_as):
    api = api_as("office")
    assert api.get(f"/tasks/{2**63}").status_code == 422
    assert api.get("/tasks", offset=2**63).status_code == 422
    assert api.get("/reports", period=2**40).status_code == 422


def test_a_body_that_is_not_json_answers_400_with_a_code(world, api_as):
    api = api_as("unit_a")
    draft_a = world.drafts["区发改局"]
    answer = api.client.put(
        f"/api/v1/reports/{draft_a.pk}", "{not json", content_type="application/json", **api.headers
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "bad_request"
