"""The office sets the chain, names its units' approvers and its leaders' units; the chain then
runs through them (unit approver → office → 分管领导)."""

from __future__ import annotations

from django.urls import reverse

from duban.web.audit.models import AuditEvent
from duban.web.changes.models import ChangeRequest, ChangeSettings, LeaderScope, UnitApprover
from tests.web.changes.conftest import NEXT_MARCH, _decide, _file, _user


def test_it_runs_the_chain_the_office_sets(client, world, task2):
    finance = world.units["区财政局"]
    reporter = _user(world, "finance", "unit", finance)
    head = _user(world, "finance_head", "unit", finance)
    leader = world.users["leader"]
    client.force_login(world.users["office"])
    url = reverse("change_settings", args=[world.org.pk])
    assert client.get(url).status_code == 200
    r = client.post(
        url,
        {
            "chain": "unit,office,leader",
            "approvers": [head.pk],
            f"leader_{leader.pk}": [finance.pk],
        },
    )
    assert r.status_code == 302
    assert ChangeSettings.objects.get(organization=world.org).chain == "unit,office,leader"
    assert list(UnitApprover.objects.values_list("user__username", "unit__name")) == [
        ("finance_head", "区财政局")
    ]
    assert list(LeaderScope.objects.values_list("user__username", "unit__name")) == [
        ("leader", "区财政局")
    ]
    assert AuditEvent.objects.filter(action="change_settings_set").count() == 1

    _file(client, reporter, task2, new_date=NEXT_MARCH.isoformat(), reason="理由")
    req = ChangeRequest.objects.get()
    assert _decide(client, head, task2, req).status_code == 302
    assert _decide(client, world.users["office"], task2, req).status_code == 302
    req.refresh_from_db()
    assert (req.state, req.current_step) == ("pending", "leader")
    assert _decide(client, leader, task2, req).status_code == 302
    req.refresh_from_db()
    assert req.state == "approved"


def test_it_lets_only_the_office_set_the_chain(client, world):
    url = reverse("change_settings", args=[world.org.pk])
    for name, status in (("unit_a", 403), ("leader", 403), ("other_office", 404)):
        client.force_login(world.users[name])
        assert client.post(url, {"chain": "unit,office"}).status_code == status
    assert not ChangeSettings.objects.exists()


def test_it_refuses_an_unknown_chain(client, world):
    client.force_login(world.users["office"])
    r = client.post(reverse("change_settings", args=[world.org.pk]), {"chain": "leader"})
    assert r.status_code == 200
    assert "选择一个有效的选项" in r.content.decode()
    assert not ChangeSettings.objects.exists()
