"""Every page of the site, read (GET) by the city's office and leader with 峄城区 sharing, on the
district's objects (the permissions matrix's values): no server error anywhere, and every answer
either the page or the gate's denial (403, 404)."""

from __future__ import annotations

import pytest
from django.db import transaction

from duban.web.access import FORBIDDEN, NOT_FOUND
from tests.web import permissions_table as table
from tests.web.city.conftest import share
from tests.web.test_permissions_matrix import ROUTES, _objects, _url

PAGES = sorted(k for k in ROUTES if not k.startswith(("admin:", "api:")) and table.row_for(k))


@pytest.mark.parametrize("who", ["city_office", "city_leader"])
def test_no_page_breaks_for_the_city(city, world, client, who):
    share(city.districts["峄城区"], world.users["office"])
    values = _objects(world)
    client.force_login(city.users[who])
    answers = {}
    for key in PAGES:
        row = table.row_for(key)
        assert row is not None
        url = _url(ROUTES[key], values, row)
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        assert response.status_code < 500, (key, url, response.status_code)
        answers[key] = response.status_code
    assert answers["home"] == 200
    assert answers["dashboard"] == answers["plan"] == answers["task"] == 200
    assert answers["report"] == NOT_FOUND  # a Q4 draft
    assert answers["round"] == NOT_FOUND  # the open Q4
    assert answers["accounts"] == FORBIDDEN  # the district's people: readable organization
    assert set(answers.values()) <= {200, 302, FORBIDDEN, NOT_FOUND, 405}
