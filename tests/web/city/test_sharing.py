"""A district's office chooses to share its published rounds with its parent, and stops: each
change an audit event and a row of history; leaders and reporters cannot change it; an
organization without a parent is told there is no one to share with."""

from __future__ import annotations

from django.urls import reverse

from duban.web.audit.models import AuditEvent
from duban.web.cityview.models import ParentSharing, shares_with_parent


def test_the_office_shares_then_stops(city, world, client):
    district = city.districts["峄城区"]
    url = reverse("parent_sharing", args=[district.pk])
    client.force_login(world.users["office"])
    page = client.get(url).content.decode()
    assert 'id="not-shared"' in page and "枣庄市" in page
    assert client.post(url, {"action": "share"}).status_code == 302
    assert shares_with_parent(district) is True
    assert 'id="shared"' in client.get(url).content.decode()
    assert client.post(url, {"action": "stop"}).status_code == 302
    assert shares_with_parent(district) is False
    assert ParentSharing.objects.filter(organization=district).count() == 1
    actions = AuditEvent.objects.filter(organization=district, action__startswith="parent_sharing")
    assert sorted(actions.values_list("action", flat=True)) == [
        "parent_sharing_start",
        "parent_sharing_stop",
    ]


def test_sharing_twice_says_so_and_makes_one_row(city, world, client):
    district = city.districts["峄城区"]
    url = reverse("parent_sharing", args=[district.pk])
    client.force_login(world.users["office"])
    client.post(url, {"action": "share"})
    page = client.post(url, {"action": "share"}, follow=True).content.decode()
    assert "已经在向上级共享。" in page
    assert ParentSharing.objects.filter(organization=district).count() == 1


def test_an_unknown_action_is_refused_with_a_message(city, world, client):
    url = reverse("parent_sharing", args=[city.districts["峄城区"].pk])
    client.force_login(world.users["office"])
    page = client.post(url, {"action": "everything"}, follow=True).content.decode()
    assert "没有这种操作。" in page
    assert not ParentSharing.objects.exists()


def test_no_parent_no_one_to_share_with(city, client):
    client.force_login(city.users["city_office"])
    url = reverse("parent_sharing", args=[city.org.pk])
    assert 'id="no-parent"' in client.get(url).content.decode()
    page = client.post(url, {"action": "share"}, follow=True).content.decode()
    assert "本机构没有上级机构，无需共享。" in page
    assert not ParentSharing.objects.exists()


def test_only_the_district_office_changes_it(city, world, client):
    url = reverse("parent_sharing", args=[city.districts["峄城区"].pk])
    expected = {
        world.users["leader"]: 403,
        world.users["unit_a"]: 403,
        world.users["other_office"]: 404,
        city.users["city_office"]: 404,  # the parent does not decide what is shared with it
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.post(url, {"action": "share"}).status_code == status, user.username
    assert not ParentSharing.objects.exists()
