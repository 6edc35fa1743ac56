"""The API lists a report's evidence metadata to those who may read the files, and an empty list
to anyone else who may read the report; never the bytes."""

from __future__ import annotations

import pytest

from tests.web.api.conftest import Api
from tests.web.evidence.conftest import evidence_photo


@pytest.fixture
def api(world):
    from django.test import Client

    from duban.web.api.tokens import token_create

    def make(username: str | None) -> Api:
        if username is None:
            return Api(Client(), None)
        return Api(Client(), token_create(world.users[username], name="evidence")[1])

    return make


def test_it_lists_a_report_s_files_for_its_unit(world, api):
    photo = evidence_photo(world, world.drafts["区发改局"])
    response = api("unit_a").get(f"/reports/{photo.report_id}/evidence")
    assert response.status_code == 200
    uploaded = response.json()[0].pop("uploaded_at")
    assert uploaded.startswith(photo.uploaded_at.strftime("%Y-%m-%dT%H:%M:%S."))
    assert [{k: v for k, v in item.items() if k != "uploaded_at"} for item in response.json()] == [
        {
            "id": photo.pk,
            "report_id": photo.report_id,
            "name": "现场.jpg",
            "kind": "image",
            "content_type": "image/jpeg",
            "size": photo.size,
            "sha256": photo.sha256,
            "since_version": 2,
            "removed_in_version": None,
            "url": f"/evidence/{photo.pk}/",
            "thumbnail_url": f"/evidence/{photo.pk}/thumbnail/",
        }
    ]


@pytest.mark.parametrize(
    "who, status, count",
    [
        ("office", 200, 1),
        ("leader", 200, 0),  # reads the report, not its evidence (not named by the office)
        ("unit_b", 403, None),  # another unit's draft
        ("other_office", 404, None),
        (None, 401, None),
    ],
)
def test_each_role_gets_what_the_gate_allows(world, api, who, status, count):
    photo = evidence_photo(world, world.drafts["区发改局"])
    response = api(who).get(f"/reports/{photo.report_id}/evidence")
    assert response.status_code == status
    if count is not None:
        assert len(response.json()) == count
