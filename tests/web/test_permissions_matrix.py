"""Every URL of the site × six roles × read (GET) and write (POST, or the API's PUT/POST):
the answer must be the one written in tests/web/permissions_table.py.

The URL list comes from the resolver, so a new route without a row fails here with the row to
add. Each request runs in a savepoint that is rolled back, so one role's write never changes
what the next role sees.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web import permissions_table as table


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            yield (namespace + entry.name if entry.name else namespace + route), route


def routes() -> dict[str, str]:
    """Key in the table (the URL name, or namespace + route when unnamed) → route."""
    found: dict[str, str] = {}
    for key, route in _walk(get_resolver()):
        found.setdefault(key, route)
    return found


ROUTES = routes()


def test_it_has_a_row_for_every_url():
    # Rows for URLs not (yet) in this tree are allowed: helpers land their routes separately.
    missing = [k for k in ROUTES if table.row_for(k) is None]
    assert not missing, (
        "URLs without a row in tests/web/permissions_table.py (run this test file to see the "
        f"observed answers, check them against access.py, then add them): {missing}"
    )


def _objects(world) -> dict:
    """The values a route's parameters take: the world's objects, owned by unit_a's unit."""
    from duban.web.plans.models import Period, Report

    Period.objects.filter(pk=world.q3.pk).update(state=Period.State.PUBLISHED)
    submitted = Report.objects.create(
        period=world.q4,
        task=world.tasks[2],
        unit=world.units["区财政局"],
        text="1-12月，一般公共预算收入预计完成10.5亿元。",
        state=Report.State.SUBMITTED,
        version=1,
    )
    token_id = None
    if "api_token_revoke" in ROUTES:
        from duban.web.api.tokens import token_create

        token_id = token_create(world.users["office"], name="matrix")[0].pk
    job_id = None
    if any("<id:job_id>" in route for route in ROUTES.values()):
        from duban.web.jobs.exports import export_request
        from duban.web.jobs.worker import run_pending

        job_id = export_request(world.q4, "table", "docx").pk
        run_pending()
    report = world.drafts["区发改局"]
    attachment_id = None
    if any("<id:attachment_id>" in route for route in ROUTES.values()):
        from tests.web.evidence.conftest import evidence_photo

        attachment_id = evidence_photo(world, report).pk
    return {
        "plan_id": world.plan.pk,
        "task_id": world.tasks[1].pk,
        "unit_id": world.units["区发改局"].pk,
        "report_id": report.pk,
        "submitted_report_id": submitted.pk,
        "period_id": world.q4.pk,
        "published_period_id": world.q3.pk,
        "organization_id": world.org.pk,
        "section_id": world.plan.sections.first().pk,
        "seq": 1,
        "token_id": token_id,
        "job_id": job_id,
        "attachment_id": attachment_id,
        "uidb64": "MQ",
        "token": "set-password",
        "object_id": world.plan.pk,
        "content_type_id": 1,
        "app_label": "plans",
        "url": "nothing-here/",
        "id": world.users["unit_a"].pk,
        "member_id": world.users["unit_a"].membership.pk,
        "version": report.version,
    }


def _url(route: str, values: dict, row: table.Row) -> str:
    import re

    def fill(match: re.Match) -> str:
        name = match.group("name")
        return str(values[row.args.get(name, name)])

    url = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", fill, route)
    url = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", fill, url)
    return "/" + url.lstrip("^").rstrip("$") + row.query


def _outcome(response, login_paths: tuple[str, ...]) -> str:
    status = response.status_code
    if status >= 500:
        raise AssertionError(f"server error {status}: {response.content[:500]!r}")
    if status == 405:
        return "x"
    if status in (401, 403, 404):
        return "n"
    if status in (301, 302, 303):
        where = response.headers.get("Location", "")
        return "n" if where.split("?")[0].endswith(login_paths) else "y"
    if status in (400, 409, 422):
        return "v"  # past the gate, input refused
    return "y"


@pytest.mark.parametrize("key", sorted(ROUTES))
def test_it_answers_each_role_as_the_table_says(key, world, client, settings):
    from django.core.cache import cache

    row = table.row_for(key)
    values = _objects(world)
    url = _url(ROUTES[key], values, row or table.Row("", ""))
    login_paths = ("/accounts/login/", "/admin/login/")
    method, data = (row.method, row.data) if row else ("POST", {})
    # A data value "@name" is the test object's id of that name (e.g. "@period_id").
    data = {k: values[v[1:]] if str(v).startswith("@") else v for k, v in data.items()}
    observed = {"get": "", "write": ""}
    for role in table.ROLES:
        user = world.users.get(table.PERSONA[role])
        headers = {}
        client.logout()
        if user is not None:
            client.force_login(user)
            if url.startswith("/api/"):
                from duban.web.api.tokens import token_create

                headers["HTTP_AUTHORIZATION"] = "Bearer " + token_create(user, name="m")[1]
        for kind in ("get", "write"):
            cache.clear()  # rate counts and login throttles start at zero for each request
            with transaction.atomic():
                if kind == "get":
                    response = client.get(url, **headers)
                elif url.startswith("/api/"):
                    body = {"text": "矩阵测试文字。", "version": values["version"], **data}
                    response = getattr(client, method.lower())(
                        url, json.dumps(body), content_type="application/json", **headers
                    )
                else:
                    response = getattr(client, method.lower())(url, data, **headers)
                transaction.set_rollback(True)
            observed[kind] += _outcome(response, login_paths)
    suggestion = f'"{key}": Row("{observed["get"]}", "{observed["write"]}"),'
    assert row is not None, (
        f"{key} ({ROUTES[key]}) has no row in tests/web/permissions_table.py. Observed, in "
        f"role order {table.ROLES}: {suggestion} — check each letter against access.py, then add it."
    )
    assert (observed["get"], observed["write"]) == (row.get, row.write), (
        f"{url} answered {observed} for roles {table.ROLES}; the table says "
        f"get={row.get!r} write={row.write!r}. y=allowed n=denied x=method not allowed "
        f"v=allowed, input refused. Observed row: {suggestion}"
    )
