from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from duban.core.workdays import parse_days
from duban.web.notices.channels import clean_address
from duban.web.notices.models import Channel, NoticeSettings

WEEKDAYS = [
    (0, "周一"),
    (1, "周二"),
    (2, "周三"),
    (3, "周四"),
    (4, "周五"),
    (5, "周六"),
    (6, "周日"),
    (7, "不发送"),
]


class ContactForm(forms.Form):
    name = forms.CharField(label="联系人或群名称", max_length=100)
    channel = forms.ChoiceField(label="渠道", choices=Channel.choices)
    address = forms.CharField(
        label="地址",
        max_length=500,
        help_text="电子邮件地址；群机器人的 key 或完整 Webhook 地址；或 http(s):// 开头的 Webhook。",
    )
    secret = forms.CharField(label="钉钉加签密钥（可选）", max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "channel" in data and "address" in data:
            try:
                data["address"], data["secret"] = clean_address(
                    data["channel"], data["address"], data.get("secret", "")
                )
            except ValidationError as exc:
                self.add_error("address", exc)
        return data


class SettingsForm(forms.ModelForm):
    summary_weekday = forms.TypedChoiceField(label="每周汇总发给领导", choices=WEEKDAYS, coerce=int)
    calendar = forms.CharField(
        label="节假日与调休（每行一天：日期 休 或 日期 班）",
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "2026-10-01 休\n2026-10-10 班"}),
        required=False,
    )

    class Meta:
        model = NoticeSettings
        fields = ["reminder_days", "on_deadline", "overdue_daily", "working_days", "hour"]

    def clean_reminder_days(self) -> str:
        text = self.cleaned_data["reminder_days"]
        try:
            return ",".join(str(d) for d in parse_days(text))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def clean_hour(self) -> int:
        hour = self.cleaned_data["hour"]
        if not 0 <= hour <= 23:
            raise ValidationError("发送时刻应在 0 至 23 之间。")
        return hour

    def clean_calendar(self) -> list[tuple[date, bool]]:
        days = []
        for n, line in enumerate(self.cleaned_data["calendar"].splitlines(), 1):
            parts = line.split()
            if not parts:
                continue
            try:
                day = date.fromisoformat(parts[0])
            except ValueError:
                raise ValidationError(
                    f"第{n}行：日期应写作 YYYY-MM-DD，而不是“{parts[0]}”。"
                ) from None
            kind = parts[1] if len(parts) > 1 else ""
            if kind not in ("休", "班"):
                raise ValidationError(f"第{n}行：日期后应写“休”（放假）或“班”（调休上班）。")
            days.append((day, kind == "班"))
        return days
