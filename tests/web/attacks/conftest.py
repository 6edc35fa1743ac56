"""The attacker's tools: the office as admin staff (as `duban demo-setup` makes it), and the
admin's forms filled in the way a browser would, then changed where the attack needs."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html


@pytest.fixture
def staff_office(world):
    """world's office user, now admin staff with the office's permissions."""
    from duban.web.accounts.services import membership_grant

    membership_grant(
        username="office",
        password="pw-office-long",
        organization=world.org,
        role="office",
        staff=True,
    )
    user = world.users["office"]
    user.refresh_from_db()
    return user


def admin_form(client, url: str) -> dict[str, list[str]]:
    """The values a browser would send from the admin page's main form, by name."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    doc = lxml_html.fromstring(page.content.decode())
    form = next(f for f in doc.forms if f.get("id", "").endswith("_form"))
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


def admin_post(client, url: str, **changes):
    """Submit the admin page's form with some fields changed (a value of None removes one)."""
    data = admin_form(client, url)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [str(value)]
    data.setdefault("_save", ["保存"])
    return client.post(url, data)
