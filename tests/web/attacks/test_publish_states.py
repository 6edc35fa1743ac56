"""Fault 9 of the outside test: publishing an open round was accepted (and broke the units'
editors); publishing twice logged twice. A period moves open → closed → published only."""

from __future__ import annotations

import pytest


def _publish_events(period) -> int:
    from duban.web.audit.models import AuditEvent

    return AuditEvent.objects.filter(
        action="period_publish", object_type="plans.period", object_id=str(period.pk)
    ).count()


def test_it_refuses_to_publish_an_open_round(world):
    from duban.web.rounds.services import RoundError, period_publish

    with pytest.raises(RoundError, match="尚未结束"):
        period_publish(world.q4, actor=world.users["office"])
    world.q4.refresh_from_db()
    assert world.q4.state == "open"
    assert _publish_events(world.q4) == 0


def test_the_publish_button_of_an_open_round_changes_nothing_and_says_why(world, as_user):
    client = as_user(world.users["office"])
    response = client.post(f"/periods/{world.q4.pk}/publish/", follow=True)
    assert response.status_code == 200
    assert "本轮填报尚未结束，请先结束填报再公开" in response.content.decode()
    world.q4.refresh_from_db()
    assert world.q4.state == "open"
    # The units' editors of the round still work.
    draft = world.drafts["区发改局"]
    editor = as_user(world.users["unit_a"]).get(f"/reports/{draft.pk}/edit/")
    assert editor.status_code == 200


def test_publishing_twice_publishes_once_and_logs_once(world, as_user):
    from duban.web.rounds.services import period_publish

    period_publish(world.q3, actor=world.users["office"])
    again = period_publish(world.q3, actor=world.users["office"])
    assert again.state == "published"
    client = as_user(world.users["office"])
    assert client.post(f"/periods/{world.q3.pk}/publish/", {"confirm": "1"}).status_code == 302
    assert _publish_events(world.q3) == 1


def test_it_publishes_a_closed_round(world):
    from duban.web.rounds.services import period_publish

    published = period_publish(world.q3, actor=world.users["office"])
    world.q3.refresh_from_db()
    assert (published.state, world.q3.state) == ("published", "published")
    assert _publish_events(world.q3) == 1


def test_closing_twice_closes_once_and_a_published_period_cannot_be_closed(world):
    from duban.web.audit.models import AuditEvent
    from duban.web.rounds.services import RoundError, period_publish, round_close

    round_close(world.q4, actor=world.users["office"])
    round_close(world.q4, actor=world.users["office"])
    assert AuditEvent.objects.filter(action="round_close", object_id=str(world.q4.pk)).count() == 1
    period_publish(world.q4, actor=world.users["office"])
    with pytest.raises(RoundError, match="已经公开"):
        round_close(world.q4, actor=world.users["office"])
