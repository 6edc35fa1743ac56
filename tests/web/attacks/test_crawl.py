"""The security crawl: every URL of the resolver, as each role and anonymous, with hostile values
in its path arguments and in the query parameters its view reads.

For each URL and role a plain request comes first (the world's own objects, as in the
permissions matrix); it records which query keys the view read. Then the same request again
with each path argument, and each key read, replaced by hostile values: Unicode digits, a
number beyond 64 bits, zero, empty, and the key repeated with a good and a bad value.

Asserted, on every answer: no server error (5xx); a denial is one access.py defines (401 in the
API, 403, 404, or a page for members sending anonymous visitors to log in); a request the gate
denies is denied exactly the same way whatever its parameters (the gate answers first); a path
that names nothing is 404 (422 in the API, which validates before it looks); an integer query
parameter that is not a number in bounds is 400 (422 in the API). Django's admin is sampled: one
change page and the list of each of our models, and their hostile twins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from duban.web.access import BAD_PARAMETER, FORBIDDEN, NOT_FOUND
from duban.web.params import MAX_ID
from tests.web import permissions_table as table
from tests.web.test_permissions_matrix import ROUTES, _objects, _url

HUGE = str(2**64 + 1)
PATH_HOSTILE = ("²", "١٢", HUGE, str(MAX_ID + 1), "0")
QUERY_HOSTILE = ("²", "①", HUGE, "")
# Integer query parameters (params.query_int): a hostile value is 400 where the page is allowed.
INTEGER_KEYS = {"period", "section", "unit", "page", "organization", "year", "a", "b"}
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
ID_ARG = re.compile(r"<id:(?P<name>\w+)>")
ANY_ARG = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


class _Reads:
    """The query keys a view reads: MultiValueDict's getters, recorded while active."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.active = False

    def install(self, monkeypatch) -> None:
        for name in ("get", "__getitem__", "getlist", "__contains__"):
            original = getattr(MultiValueDict, name)

            def spy(d, key, *args, _original=original, **kwargs):
                if self.active and isinstance(d, QueryDict) and isinstance(key, str):
                    self.keys.add(key)
                return _original(d, key, *args, **kwargs)

            monkeypatch.setattr(MultiValueDict, name, spy)


def _outcome(response) -> str:
    """'deny' or 'allow'; a server error fails at once."""
    status = response.status_code
    assert status < 500, f"server error {status}: {response.content[:300]!r}"
    if status in (401, FORBIDDEN, NOT_FOUND):
        return "deny"
    if status in (301, 302, 303):
        where = response.headers.get("Location", "").split("?")[0]
        return "deny" if where.endswith(LOGIN_PATHS) else "allow"
    return "allow"


def _denial(response) -> tuple[int, bool]:
    """What identifies a denial: the status, and for a redirect whether it goes to log in."""
    where = response.headers.get("Location", "").split("?")[0]
    return response.status_code, where.endswith(LOGIN_PATHS)


def _with_path(route: str, values: dict, row: table.Row, name: str, hostile: str) -> str:
    return _url(route, {**values, row.args.get(name, name): quote(hostile)}, row)


def _query_variants(url: str, key: str) -> Iterator[tuple[str, str]]:
    """(label, url) for each hostile value of key, and the key repeated both ways."""
    base, _, query = url.partition("?")
    kept = [(k, v) for k, v in QueryDict(query).lists() if k != key for v in v]
    for value in QUERY_HOSTILE:
        yield value, f"{base}?{urlencode([*kept, (key, value)])}"
    yield "good then bad", f"{base}?{urlencode([*kept, (key, '1'), (key, '²')])}"
    yield "bad then good", f"{base}?{urlencode([*kept, (key, '²'), (key, '1')])}"


def _crawled() -> list[str]:
    return sorted(k for k in ROUTES if not k.startswith("admin:") and table.row_for(k))


@pytest.fixture
def crawl(world, client, settings, monkeypatch):
    """get(role, url) → the response, each request in a rolled-back savepoint; and the reads."""
    from django.core.cache import cache

    from duban.web.api.tokens import token_create

    settings.DUBAN_API_TOKEN_RATE = settings.DUBAN_API_ADDRESS_RATE = "1000000/minute"
    reads = _Reads()
    reads.install(monkeypatch)
    tokens = {
        role: "Bearer " + token_create(world.users[person], name="crawl")[1]
        for role, person in table.PERSONA.items()
        if person is not None
    }
    current = {"role": None}

    def get(role: str, url: str, *, record: bool = False):
        if current["role"] != role:
            client.logout()
            person = table.PERSONA[role]
            if person is not None:
                client.force_login(world.users[person])
            current["role"] = role
        headers = {}
        if url.startswith("/api/") and role in tokens:
            headers["HTTP_AUTHORIZATION"] = tokens[role]
        cache.clear()
        reads.active = record
        try:
            with transaction.atomic():
                response = client.get(url, **headers)
                transaction.set_rollback(True)
        finally:
            reads.active = False
        return response

    return get, reads, _objects(world)


@pytest.mark.parametrize("key", _crawled())
def test_no_hostile_value_gets_past_the_gate_or_breaks_a_page(key, crawl):
    get, reads, values = crawl
    route, row = ROUTES[key], table.row_for(key)
    api = route.startswith("api/")
    url = _url(route, values, row)
    for role in table.ROLES:
        reads.keys.clear()
        baseline = get(role, url, record=True)
        allowed = _outcome(baseline) == "allow"
        if allowed is False and api and role != "anonymous":
            assert baseline.status_code in (FORBIDDEN, NOT_FOUND), (url, role)
        where = f"{url} as {role}"

        for match in ANY_ARG.finditer(route):
            name, kind = match["name"], match["kind"]
            for hostile in PATH_HOSTILE:
                answer = get(role, _with_path(route, values, row, name, hostile))
                said = f"{where}, {name}={hostile!r}"
                _outcome(answer)
                if api and baseline.status_code == 405:  # the method is wrong before anything
                    assert answer.status_code == 405, (said, answer.status_code)
                elif api:
                    expected = 401 if role == "anonymous" else 422
                    assert answer.status_code == expected, (said, answer.status_code)
                elif kind == "id":
                    assert answer.status_code == NOT_FOUND, (said, answer.status_code)

        for query_key in sorted(reads.keys):
            for label, hostile_url in _query_variants(url, query_key):
                answer = get(role, hostile_url)
                said = f"{where}, ?{query_key}={label!r}"
                outcome = _outcome(answer)
                if not allowed:
                    assert _denial(answer) == _denial(baseline), (said, answer.status_code)
                elif api:
                    assert outcome == "allow" or answer.status_code == 422, said
                elif query_key in INTEGER_KEYS and label in ("²", "①", HUGE, "good then bad"):
                    assert answer.status_code == BAD_PARAMETER, (said, answer.status_code)


def _admin_samples(world) -> list[str]:
    """Each of our models' list and one change page, with hostile twins."""
    from django.contrib import admin

    urls = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if opts.app_label in ("auth", "axes"):
            continue
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        urls += [base, f"{base}?p=²", f"{base}?o=①", f"{base}?q=%00", f"{base}?id__exact=²"]
        first = model_admin.get_queryset(_superuser_request(world)).order_by("pk").first()
        if first is not None:
            urls += [f"{base}{first.pk}/change/", f"{base}{first.pk}/history/"]
        urls += [f"{base}²/change/", f"{base}{HUGE}/change/", f"{base}0/history/"]
    return urls


def _superuser_request(world):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


def test_the_admin_answers_hostile_samples_without_error_and_only_to_staff(
    world, staff_office, client
):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", password="pw-root-long")
    urls = _admin_samples(world)
    assert len(urls) > 80
    for who in ("office", "root", "leader", None):
        client.logout()
        if who == "root":
            client.force_login(root)
        elif who is not None:
            client.force_login(get_user_model().objects.get(username=who))
        for url in urls:
            with transaction.atomic():
                response = client.get(url)
                transaction.set_rollback(True)
            _outcome(response)
            if who in ("leader", None):  # not staff: every admin page sends them to log in
                assert response.status_code == 302, (url, who)
                assert response["Location"].startswith("/admin/login/"), (url, who)
