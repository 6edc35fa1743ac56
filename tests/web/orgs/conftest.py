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


def import_into(org, path: Path, *, actor=None):
    """Read a document with the organization's registry and import it, as a confirmed upload."""
    from duban.core.importers import read_plan
    from duban.web.orgs.selectors import org_registry
    from duban.web.plans.services import plan_import

    plan = read_plan(path, units=org_registry(org))
    return plan_import(plan, organization_name=org.name, source=path.name, actor=actor)


@pytest.fixture
def qinghe(county):
    """青禾县 with its second-quarter table imported."""
    org, office = county
    import_into(org, FIXTURES / "qinghe-county-2024-q2.txt")
    return org, office
