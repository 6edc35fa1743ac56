"""The channels: what 企业微信 and 钉钉 robots receive (apprise's plugins, with the HTTP layer
stubbed: those hosts are outside this machine), and bad contacts refused with a sentence when
saved, or recorded as failures when sent, never a crash."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError

from duban.web.notices.channels import Message, clean_address, deliver

WECOM = "693a91f6-7aaa-4bc4-97a0-0ec2abcd5aaa"
DINGTALK = "a" * 64
SECRET = "SEC" + "b" * 64


class Posted:
    """requests.post as apprise's plugins call it, recording instead of sending."""

    def __init__(self, status: int = 200) -> None:
        self.calls: list[dict] = []
        self.status = status

    def __call__(self, url, data=None, headers=None, params=None, **kwargs):
        import requests

        self.calls.append({"url": url, "json": json.loads(data), "params": params or {}})
        response = requests.Response()
        response.status_code = self.status
        response._content = b'{"errcode":0,"errmsg":"ok"}'
        return response


@pytest.fixture
def posted(monkeypatch):
    stub = Posted()
    monkeypatch.setattr("requests.post", stub)
    return stub


def _message(channel: str, address: str, secret: str = "") -> Message:
    return Message(
        channel, address, secret, "【督办】报送提醒", "区发改局：请于3月13日前报送。", "k1"
    )


def test_a_wecom_robot_gets_its_text_at_its_key(posted):
    deliver(_message("wecom", WECOM))
    [call] = posted.calls
    assert call["url"] == f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM}"
    assert call["json"]["msgtype"] == "text"
    assert "区发改局：请于3月13日前报送。" in call["json"]["text"]["content"]
    assert "【督办】报送提醒" in call["json"]["text"]["content"]


def test_a_dingtalk_robot_gets_its_text_signed_with_its_secret(posted):
    deliver(_message("dingtalk", DINGTALK, SECRET))
    [call] = posted.calls
    assert call["url"] == f"https://oapi.dingtalk.com/robot/send?access_token={DINGTALK}"
    assert set(call["params"]) == {"timestamp", "sign"}
    assert call["json"]["msgtype"] == "text"
    assert call["json"]["text"]["content"].startswith("【督办】报送提醒")


def test_a_robot_answering_an_error_status_is_a_delivery_error_with_the_reason(monkeypatch):
    from duban.web.notices.channels import DeliveryError

    monkeypatch.setattr("requests.post", Posted(status=500))
    with pytest.raises(DeliveryError, match=r"企业微信群机器人未送达：.*500"):
        deliver(_message("wecom", WECOM))


@pytest.mark.parametrize(
    "channel, address, secret, stored",
    [
        ("wecom", f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM}", "", WECOM),
        ("wecom", WECOM.upper(), "", WECOM),
        (
            "dingtalk",
            f"https://oapi.dingtalk.com/robot/send?access_token={DINGTALK}",
            SECRET,
            DINGTALK,
        ),
        (
            "webhook",
            "https://oa.example.gov.cn/hook?token=x",
            "",
            "https://oa.example.gov.cn/hook?token=x",
        ),
        ("email", " ban@example.org ", "", "ban@example.org"),
    ],
)
def test_it_accepts_what_the_vendors_show_and_stores_the_key(channel, address, secret, stored):
    assert clean_address(channel, address, secret)[0] == stored


@pytest.mark.parametrize(
    "channel, address, secret, sentence",
    [
        ("webhook", "ftp://127.0.0.1/hook", "", "Webhook 地址应以 http:// 或 https:// 开头"),
        ("webhook", "127.0.0.1:8080/hook", "", "Webhook 地址应以 http:// 或 https:// 开头"),
        ("webhook", "http://127.0.0.1:port/hook", "", "Webhook 地址的端口无效"),
        ("wecom", "abc123", "", "企业微信群机器人的 key 应形如"),
        ("dingtalk", "not-a-token", "", "钉钉群机器人的 access_token 应为 64 位十六进制字符"),
        ("dingtalk", DINGTALK, "secret", "钉钉加签密钥应以 SEC 开头"),
        ("email", "办公室", "", "不是有效的电子邮件地址"),
    ],
)
def test_it_refuses_a_contact_it_could_never_reach_with_a_sentence(
    channel, address, secret, sentence
):
    with pytest.raises(ValidationError, match=sentence):
        clean_address(channel, address, secret)


def test_the_apprise_urls_of_stored_contacts_are_ones_apprise_accepts():
    import apprise

    from duban.web.notices.channels import apprise_url

    for message in (
        _message("wecom", WECOM),
        _message("dingtalk", DINGTALK, SECRET),
        _message("webhook", "http://127.0.0.1:8080/sms?to=all"),
    ):
        assert apprise.Apprise().add(apprise_url(message)), message.channel
    url = apprise_url(_message("webhook", "http://127.0.0.1:8080/sms?to=all"))
    assert parse_qs(urlsplit(url).query)["-to"] == ["all"]


def test_a_unit_reporter_is_told_what_is_wrong_and_nothing_is_saved(world, as_user):
    from duban.web.notices.models import Contact

    unit = world.units["区发改局"]
    page = as_user(world.users["unit_a"]).post(
        f"/units/{unit.pk}/contacts/",
        {"name": "短信网关", "channel": "webhook", "address": "ftp://gateway/sms"},
    )
    assert page.status_code == 200
    assert "Webhook 地址应以 http:// 或 https:// 开头" in page.content.decode()
    assert not Contact.objects.exists()


def test_a_unit_reporter_keeps_the_units_contacts_and_the_office_sees_them(world, as_user):
    from duban.web.audit.models import AuditEvent
    from duban.web.notices.models import Contact

    unit = world.units["区发改局"]
    client = as_user(world.users["unit_a"])
    client.post(
        f"/units/{unit.pk}/contacts/",
        {"name": "发改局工作群", "channel": "wecom", "address": WECOM},
    )
    contact = Contact.objects.get()
    assert (contact.unit, contact.address, contact.active) == (unit, WECOM, True)
    assert AuditEvent.objects.filter(action="contact_add").count() == 1
    office_page = as_user(world.users["office"]).get(f"/units/{unit.pk}/contacts/")
    assert "发改局工作群" in office_page.content.decode()
    other = world.units["底阁镇"]
    assert as_user(world.users["unit_a"]).get(f"/units/{other.pk}/contacts/").status_code == 403
    as_user(world.users["unit_a"]).post(f"/units/{unit.pk}/contacts/", {"remove": contact.pk})
    contact.refresh_from_db()
    assert contact.active is False


def test_the_office_sets_its_reminders_and_is_told_when_it_wrote_them_wrong(world, as_user):
    from duban.web.notices.models import CalendarDay, NoticeSettings

    client = as_user(world.users["office"])
    url = f"/orgs/{world.org.pk}/notices/"
    fields = {"settings": "1", "hour": 9, "summary_weekday": 0, "on_deadline": "on"}
    wrong = client.post(url, {**fields, "reminder_days": "三天", "calendar": "10月1日 休"})
    text = wrong.content.decode()
    assert "提前天数应为用逗号分隔的正整数" in text and "第1行：日期应写作 YYYY-MM-DD" in text
    assert not NoticeSettings.objects.exists()
    client.post(
        url,
        {**fields, "reminder_days": "5、2", "working_days": "on",
         "calendar": "2026-10-01 休\n2026-10-10 班"},
    )  # fmt: skip
    rules = NoticeSettings.objects.get()
    assert (rules.reminder_days, rules.working_days, rules.overdue_daily) == ("5,2", True, False)
    assert list(CalendarDay.objects.values_list("day", "working")) == [
        (dt.date(2026, 10, 1), False),
        (dt.date(2026, 10, 10), True),
    ]
