"""A round with a deadline three days ahead, time moved forward day by day: each unit still
missing reports gets exactly the reminders the office set, once each, on each of its contacts
(a webhook receiver on 127.0.0.1 standing in for 企业微信/钉钉/an SMS gateway, and Django's
e-mail outbox); a channel where nothing listens is retried and recorded, the others deliver."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests.web.conftest import run_jobs
from tests.web.processes import free_port


class Receiver:
    """An HTTP server on 127.0.0.1 that records every JSON POST."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.received.append(
                    {
                        "path": self.path,
                        "notice": self.headers.get("X-Duban-Notice"),
                        **json.loads(body),
                    }
                )
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def titles(self, path: str) -> list[str]:
        return [r["title"] for r in self.received if r["path"] == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


DEADLINE = dt.date(2026, 3, 13)  # a Friday


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def round_with_contacts(world, receiver, settings):
    """An 11月 round due on DEADLINE; 区发改局 and 底阁镇 have missing reports, 区财政局 and
    区税务局 report everything; contacts: webhooks, e-mail, and a webhook on a closed port."""
    from duban.web.notices.services import contact_add
    from duban.web.plans.models import Report
    from duban.web.rounds.services import round_open

    settings.DUBAN_JOB_RETRY_SECONDS = 0  # retries at once: the test runs them all
    settings.DUBAN_BACKUP_HOUR = 24  # no nightly backup in this test
    office = world.users["office"]
    units = world.units
    closed = free_port()  # nothing listens there
    contact_add(world.org, units["区发改局"], name="发改局工作群", channel="webhook",
                address=f"{receiver.url}/fgj", actor=office)  # fmt: skip
    contact_add(world.org, units["区发改局"], name="发改局办公室", channel="email",
                address="fgj@example.org", actor=office)  # fmt: skip
    contact_add(world.org, units["底阁镇"], name="底阁镇短信网关", channel="webhook",
                address=f"http://127.0.0.1:{closed}/sms", actor=office)  # fmt: skip
    contact_add(world.org, units["底阁镇"], name="底阁镇党政办", channel="email",
                address="dgz@example.org", actor=office)  # fmt: skip
    contact_add(world.org, units["区财政局"], name="财政局工作群", channel="webhook",
                address=f"{receiver.url}/czj", actor=office)  # fmt: skip
    period = round_open(
        world.plan, label="11月", end_month=11, kind="month", deadline=DEADLINE, actor=office
    ).period
    Report.objects.filter(period=period, unit__name__in=("区财政局", "区税务局")).update(
        state=Report.State.SUBMITTED, text="已完成。", version=1
    )
    return period


def test_each_unit_missing_reports_gets_exactly_the_reminders_set_once_each(
    round_with_contacts, receiver, mailoutbox
):
    from duban.web.jobs.schedule import tick

    run_jobs()  # the opening notices
    for offset in range(-4, 2):  # from four days before the deadline to one day after
        day = DEADLINE + dt.timedelta(days=offset)
        for hour in (7, 10, 16):  # before the office's hour (9), then twice after it
            tick(_at(day, hour))
            run_jobs()

    assert receiver.titles("/fgj") == [
        "【督办】2021年11月《政府工作报告》任务落实情况开始报送",
        "【督办】2021年11月任务落实情况报送还有3天截止",
        "【督办】2021年11月任务落实情况报送还有1天截止",
        "【督办】2021年11月任务落实情况今天截止报送",
        "【督办】2021年11月任务落实情况已逾期1天",
    ]
    assert receiver.titles("/czj") == ["【督办】2021年11月《政府工作报告》任务落实情况开始报送"]
    by_address = {}
    for mail in mailoutbox:
        by_address.setdefault(mail.to[0], []).append(mail.subject)
    assert by_address["fgj@example.org"] == receiver.titles("/fgj")
    assert by_address["dgz@example.org"] == receiver.titles("/fgj")  # same wording, its unit
    assert "第1项（共1项）尚未报送" in next(
        r["message"] for r in receiver.received if "还有3天" in r["title"]
    )
    # Each delivery carries its notice's key, so a receiver can drop a repeat.
    keys = [r["notice"] for r in receiver.received]
    assert len(keys) == len(set(keys)) and all(keys)


def test_a_channel_where_nothing_listens_is_retried_and_recorded_and_blocks_no_other(
    round_with_contacts, receiver, mailoutbox
):
    from duban.web.jobs.schedule import tick
    from duban.web.notices.models import Notice

    run_jobs()
    tick(_at(DEADLINE - dt.timedelta(days=3), 10))
    run_jobs()
    sms = Notice.objects.filter(channel="webhook", unit__name="底阁镇").order_by("pk")
    assert [(n.kind, n.state, n.attempts) for n in sms] == [
        ("opening", "failed", 5),
        ("reminder", "failed", 5),
    ]
    assert all("通用 Webhook（JSON，可接短信网关或 OA）未送达" in n.error for n in sms)
    mails = Notice.objects.filter(channel="email", unit__name="底阁镇").order_by("pk")
    assert [(n.kind, n.state, n.attempts) for n in mails] == [
        ("opening", "sent", 1),
        ("reminder", "sent", 1),
    ]
    assert len(receiver.titles("/fgj")) == 2


def test_the_round_page_lists_every_notice_with_its_delivery(
    round_with_contacts, receiver, world, as_user
):
    run_jobs()
    page = as_user(world.users["office"]).get(f"/rounds/{round_with_contacts.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "发改局工作群" in text and "已送达" in text
    assert "底阁镇短信网关" in text and "发送失败" in text and "5 次尝试" in text
