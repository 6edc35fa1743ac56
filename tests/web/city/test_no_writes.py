"""The city never writes into a district: every URL a district's office (or reporter) may write,
posted by the city's office and leader — shared or not — gets the gate's denial: 404 while the
district does not share (nothing tells it exists), and once it shares, 403 for what the city can
read and 404 for what it cannot (the open round, drafts). Nothing is written."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from duban.web.access import FORBIDDEN, NOT_FOUND
from duban.web.api.tokens import token_create
from duban.web.audit.models import AuditEvent
from tests.web import permissions_table as table
from tests.web.city.conftest import share
from tests.web.test_permissions_matrix import ROUTES, _objects, _url

OFFICE, UNIT, LEADER = 0, 1, 3  # positions in table.ROLES


def _writes() -> list[str]:
    """URLs a district's office or reporter may write and its leader may not: real writes."""
    out = []
    for key in sorted(ROUTES):
        row = table.row_for(key)
        if row is None or key.startswith("admin:"):
            continue
        if (row.write[OFFICE] in "yv" or row.write[UNIT] in "yv") and row.write[LEADER] == "n":
            out.append(key)
    return out


WRITES = _writes()


def _post(client, user, key: str, values: dict, *, keep: bool = False):
    row = table.row_for(key)
    assert row is not None
    url = _url(ROUTES[key], values, row)
    data = {k: values[v[1:]] if str(v).startswith("@") else v for k, v in row.data.items()}
    client.force_login(user)
    with transaction.atomic():
        if url.startswith("/api/"):
            headers = {"HTTP_AUTHORIZATION": "Bearer " + token_create(user, name="city")[1]}
            body = {"text": "市级写入测试。", "version": values["version"], **data}
            response = getattr(client, row.method.lower())(
                url, json.dumps(body), content_type="application/json", **headers
            )
        else:
            response = getattr(client, row.method.lower())(url, data)
        transaction.set_rollback(not keep)  # kept: a write that got through would show
    return url, response.status_code


def test_there_are_writes_to_try():
    assert {"report_edit", "period_publish", "round_close", "plan_year_end"} <= set(WRITES)
    assert "api:report_update" in WRITES


@pytest.mark.parametrize("who", ["city_office", "city_leader"])
def test_a_district_that_does_not_share_is_not_found_on_every_write(city, world, client, who):
    values = _objects(world)
    for key in WRITES:
        url, status = _post(client, city.users[who], key, values)
        assert status == NOT_FOUND, (key, url, status)


# Once 峄城区 shares, its plan, its published Q3, its units and the organization itself are
# readable by the city (403 on a write); its open Q4, its drafts and its people are not (404).
SHARED_DENIAL = {
    "report_edit": NOT_FOUND,  # a Q4 draft
    "report_autosave": NOT_FOUND,
    "report_review": NOT_FOUND,  # submitted in the open Q4
    "round_close": NOT_FOUND,  # Q4 is open
    "period_publish": NOT_FOUND,
    "verdict_override": FORBIDDEN,  # the task of a plan with a published period
    "plan_year_end": FORBIDDEN,
    "round_new": FORBIDDEN,
    "task_disclosure": FORBIDDEN,
    "unit_contacts": FORBIDDEN,
    "api:report_update": NOT_FOUND,
    "api:report_submit_": NOT_FOUND,
}


@pytest.mark.parametrize("who", ["city_office", "city_leader"])
def test_a_district_that_shares_gets_the_gates_denial_on_every_write(city, world, client, who):
    share(city.districts["峄城区"], world.users["office"])
    values = _objects(world)
    written = AuditEvent.objects.exclude(action__in=["login", "logout", "api_token_create"])
    before = written.count()
    observed = {}
    for key in WRITES:
        url, status = _post(client, city.users[who], key, values, keep=True)
        assert status in (FORBIDDEN, NOT_FOUND), (key, url, status)
        observed[key] = status
    assert {k: observed[k] for k in SHARED_DENIAL if k in observed} == SHARED_DENIAL
    assert written.count() == before
