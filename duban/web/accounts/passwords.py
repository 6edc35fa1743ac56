"""The password policy (settings: DUBAN_PASSWORD_MIN_LENGTH, DUBAN_PASSWORD_CHARACTER_CLASSES,
DUBAN_PASSWORD_MAX_AGE_DAYS) and the one-time passwords the office hands out."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError

ONE_TIME_HASHER = "duban_onetime_pbkdf2"  # see accounts/hashers.py

# No 0/O, 1/l/I: the password is read off a screen or a printed sheet.
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
_CLASSES = (
    ("小写字母", lambda ch: ch.isascii() and ch.islower()),
    ("大写字母", lambda ch: ch.isascii() and ch.isupper()),
    ("数字", lambda ch: ch.isascii() and ch.isdigit()),
    ("符号", lambda ch: ch.isascii() and not ch.isalnum()),
    # A passphrase in Chinese is strong without Latin letters: its characters are a kind.
    ("汉字等其他文字", lambda ch: not ch.isascii()),
)


def character_classes(password: str) -> int:
    """How many kinds of character the password uses: lower case, upper case, digits, symbols,
    and other scripts (汉字)."""
    return sum(any(test(ch) for ch in password) for _, test in _CLASSES)


class CharacterClassesValidator:
    """A password mixes at least `classes` kinds of character (character_classes)."""

    def __init__(self, classes: int = 2) -> None:
        self.classes = classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.classes:
            raise ValidationError(self.get_help_text(), code="password_too_plain")

    def get_help_text(self) -> str:
        kinds = "、".join(name for name, _ in _CLASSES)
        return f"密码须包含{kinds}中的至少 {self.classes} 种。"


def one_time_password() -> str:
    """Like `hKq7-Tz3m-Wp9e`: every character class, at least 12 drawn characters (69 bits),
    more when the policy's minimum length asks for it."""
    alphabet = _LOWER + _UPPER + _DIGITS
    length = max(12, settings.DUBAN_PASSWORD_MIN_LENGTH)
    while True:
        chars = "".join(secrets.choice(alphabet) for _ in range(length))
        if character_classes(chars) == 3:  # the hyphens add a fourth kind, symbols
            return "-".join(chars[i : i + 4] for i in range(0, length, 4))


def password_expired(changed_at: datetime | None, now: datetime) -> bool:
    """True when the policy sets a maximum age and the password is older."""
    days = settings.DUBAN_PASSWORD_MAX_AGE_DAYS
    if not days or changed_at is None:
        return False
    return now - changed_at > timedelta(days=days)


def policy_lines() -> list[str]:
    """The policy in words, for the password change page."""
    lines = [f"至少 {settings.DUBAN_PASSWORD_MIN_LENGTH} 个字符。"]
    lines.append(
        CharacterClassesValidator(settings.DUBAN_PASSWORD_CHARACTER_CLASSES).get_help_text()
    )
    lines.append("不能与用户名、姓名相近，不能是常见密码或纯数字。")
    if settings.DUBAN_PASSWORD_MAX_AGE_DAYS:
        lines.append(f"每 {settings.DUBAN_PASSWORD_MAX_AGE_DAYS} 天须更换一次。")
    return lines
