"""An office of its own for each test: an organization of another level than the example's,
with one office user."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "orgs"


def make_office(name: str, level: str, username: str = "office"):
    from django.contrib.auth import get_user_model

    from duban.web.accounts.models import Membership
    from duban.web.orgs.models import Organization

    org = Organization.objects.create(name=name, level=level)
    user = get_user_model().objects.create_user(username, password="pw-" + username)
    Membership.objects.create(user=user, organization=org, role="office")
    return org, user


@pytest.fixture
def county(db):
    """青禾县 (a county of 乡 and 镇) and its office, logged in on a client of its own."""
    return make_office("青禾县", "县")
