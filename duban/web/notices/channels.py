"""The channels a notice travels by: e-mail through Django's mail backends; 企业微信 and 钉钉 group
robots and a generic JSON webhook through apprise (its wecombot://, dingtalk:// and json://
plugins), so no HTTP client of ours speaks to those services.

`clean_address` checks what the office or a unit types before it is saved, with one sentence
saying what is wrong; `deliver` sends, and raises DeliveryError with the reason when it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from duban.web.notices.models import Channel

# 企业微信 robot keys are UUIDs; 钉钉 access tokens are 64 hex digits, signing secrets SEC + 64.
WECOM_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
DINGTALK_TOKEN = re.compile(r"^[0-9a-f]{64}$", re.I)
DINGTALK_SECRET = re.compile(r"^SEC[0-9a-f]{64}$", re.I)
TIMEOUT_SECONDS = 10  # per delivery attempt; a channel that does not answer is retried later


class DeliveryError(Exception):
    """A notice that could not be delivered; the message says why, for the record."""


def _from_url(value: str, host: str, param: str) -> str:
    """A robot's key pasted as its whole webhook URL (as the vendors show it) → the key."""
    parts = urlsplit(value)
    if parts.hostname == host:
        return dict(parse_qsl(parts.query)).get(param, "")
    return value


def clean_address(channel: str, address: str, secret: str = "") -> tuple[str, str]:
    """The address (and secret) as stored, or ValidationError with a sentence in Chinese."""
    address, secret = address.strip(), secret.strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(f"“{address}”不是有效的电子邮件地址。") from None
        return address, ""
    if channel == Channel.WECOM:
        key = _from_url(address, "qyapi.weixin.qq.com", "key")
        if not WECOM_KEY.match(key):
            raise ValidationError(
                "企业微信群机器人的 key 应形如 693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
                "（36 位，含 4 个短横线），或粘贴完整的 Webhook 地址。"
            )
        return key.lower(), ""
    if channel == Channel.DINGTALK:
        token = _from_url(address, "oapi.dingtalk.com", "access_token")
        if not DINGTALK_TOKEN.match(token):
            raise ValidationError(
                "钉钉群机器人的 access_token 应为 64 位十六进制字符，或粘贴完整的 Webhook 地址。"
            )
        if secret and not DINGTALK_SECRET.match(secret):
            raise ValidationError("钉钉加签密钥应以 SEC 开头，后接 64 位十六进制字符。")
        return token.lower(), secret
    if channel == Channel.WEBHOOK:
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError(
                f"Webhook 地址应以 http:// 或 https:// 开头并写明主机，而不是“{address}”。"
            )
        try:
            parts.port  # noqa: B018  (raises on a port that is not a number)
        except ValueError:
            raise ValidationError(f"Webhook 地址的端口无效：“{address}”。") from None
        return address, ""
    raise ValidationError(f"不支持的渠道：{channel}")


@dataclass(frozen=True)
class Message:
    channel: str
    address: str
    secret: str
    subject: str
    body: str
    key: str  # the notice's key, sent along so a receiver can drop a repeat


def apprise_url(message: Message) -> str:
    """The apprise URL of a robot or webhook message."""
    if message.channel == Channel.WECOM:
        return f"wecombot://{message.address}"
    if message.channel == Channel.DINGTALK:
        secret = f"{message.secret}@" if message.secret else ""
        return f"dingtalk://{secret}{message.address}/"
    if message.channel == Channel.WEBHOOK:
        parts = urlsplit(message.address)
        scheme = "jsons" if parts.scheme == "https" else "json"
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        # apprise passes "-name=value" on as the URL's own query and "+name" as a header.
        query = [f"-{quote(k)}={quote(v)}" for k, v in parse_qsl(parts.query)]
        query.append(f"+X-Duban-Notice={quote(message.key)}")
        return f"{scheme}://{host}{parts.path or '/'}?{'&'.join(query)}"
    raise DeliveryError(f"不支持的渠道：{message.channel}")


def deliver(message: Message) -> None:
    """Send one message; DeliveryError(reason) when it did not go."""
    if message.channel == Channel.EMAIL:
        from django.core.mail import send_mail

        try:
            send_mail(message.subject, message.body, None, [message.address])
        except Exception as exc:  # SMTP refusals, connection errors: all mean "not delivered"
            raise DeliveryError(f"邮件未发出：{type(exc).__name__}: {exc}") from exc
        return
    import apprise

    notifier = apprise.Apprise()
    if not notifier.add(apprise_url(message)):
        raise DeliveryError(f"{Channel(message.channel).label}地址无效：{message.address}")
    for server in notifier:
        server.socket_connect_timeout = server.socket_read_timeout = TIMEOUT_SECONDS
    with apprise.LogCapture(level=apprise.logging.DEBUG, fmt="%(levelname)s %(message)s") as log:
        sent = notifier.notify(body=message.body, title=message.subject)
    if not sent:
        raise DeliveryError(f"{Channel(message.channel).label}未送达：{_reason(log.getvalue())}")


def _reason(logged: str) -> str:
    """apprise's warnings and the socket error beneath them, without its payload dumps."""
    lines = [
        line.split(" ", 1)[1].strip()
        for line in logged.splitlines()
        if line.startswith(("WARNING", "ERROR")) or "Exception:" in line
    ]
    return " ".join(dict.fromkeys(lines))[:500] or "对方没有确认收到"
