"""A bounded schemathesis run against the live schema, in process (WSGI, the test database):
every operation, valid and invalid inputs, finds no server error (5xx) and no answer outside
the schema (status code, content type, body). Then each operation once with real ids, so the
200 answers are checked against the schema too. Deterministic (derandomized) and bounded."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 8  # per operation and mode; the whole run stays well under a minute
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def live_schema(world, settings):
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.DUBAN_API_TOKEN_RATE = "100000/minute"  # the run is no flood; 429 is tested apart
    # As Django's test client does: a request's end must not close the test's connection
    # (PostgreSQL would lose the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _headers(world, username: str) -> dict[str, str]:
    from duban.web.api.tokens import token_create

    _, secret = token_create(world.users[username], name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


def _operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_generated_requests_find_no_server_error_and_no_schema_violation(world, live_schema):
    # Reads as the office (it sees the most), writes as the unit whose open slots they are.
    readers = {"get": _headers(world, "office")}
    writer = _headers(world, "unit_a")
    operations = _operations(live_schema)
    assert len(operations) >= 17
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            _fuzz(operation, mode, readers.get(operation.method, writer))


def _fuzz(operation, mode, headers: dict[str, str]) -> None:
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


def test_each_operation_with_real_ids_answers_within_the_schema(world, live_schema):
    headers = _headers(world, "unit_a")
    draft = world.drafts["区发改局"]
    ids = {
        "organization_id": world.org.pk,
        "unit_id": world.units["区发改局"].pk,
        "plan_id": world.plan.pk,
        "section_id": world.tasks[1].section_id,
        "task_id": world.tasks[1].pk,
        "period_id": world.q4.pk,
        "report_id": draft.pk,
    }
    bodies = {
        "PUT": {"text": "区发改局第四季度草稿（接口）", "version": 1},
        "POST": {"text": "区发改局第四季度：全年地区生产总值增长9%。", "version": 2},
    }
    statuses = {}
    for operation in sorted(_operations(live_schema), key=lambda op: op.method != "get"):
        params = {p.name: ids[p.name] for p in operation.path_parameters}
        query = {"period": world.q4.pk} if operation.path.endswith("dashboard") else {}
        if operation.path.endswith("/search"):
            query = {"q": "地区生产总值"}
        body = bodies.get(operation.method.upper())
        case = (
            operation.Case(path_parameters=params, query=query, body=body)
            if body
            else operation.Case(path_parameters=params, query=query)
        )
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)
        statuses[f"{operation.method.upper()} {operation.path}"] = response.status_code
    assert set(statuses.values()) == {200}, statuses
