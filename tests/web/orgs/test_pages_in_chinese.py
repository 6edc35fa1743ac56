"""The organization's pages and the round opening render in Chinese, no English msgid leaking."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.test_i18n import _assert_no_msgid


@pytest.mark.parametrize("page", ["settings", "units", "merge", "round_new"])
def test_the_pages_of_the_organization_render_no_english_msgid(world, as_user, page):
    client = as_user(world.users["office"])
    org = world.org
    if page == "merge":
        a, b = world.units["区发改局"], world.units["区财政局"]
        response = client.post(
            reverse("org_unit_merge", args=[org.pk]), {"source": a.pk, "target": b.pk}
        )
    else:
        url = {
            "settings": reverse("org_settings", args=[org.pk]),
            "units": reverse("org_units", args=[org.pk]),
            "round_new": reverse("round_new", args=[world.plan.pk]),
        }[page]
        response = client.get(url)
    assert response.status_code == 200
    _assert_no_msgid(response.content.decode())


def test_the_office_finds_its_units_and_settings_beside_its_accounts(world, as_user):
    body = as_user(world.users["office"]).get("/").content.decode()
    assert f'href="/orgs/{world.org.pk}/units/"' in body
    assert f'href="/orgs/{world.org.pk}/settings/"' in body
    leader = as_user(world.users["leader"]).get("/").content.decode()
    assert "/units/" not in leader and "/settings/" not in leader
