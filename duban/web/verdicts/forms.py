from __future__ import annotations

from typing import Any

from django import forms

from duban.web.verdicts.models import VERDICT_CHOICES

WITHDRAW = ("", "撤销认定，恢复自动研判")


class OverrideForm(forms.Form):
    period = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label="认定为", choices=[*VERDICT_CHOICES, WITHDRAW], required=False
    )
    reason = forms.CharField(
        label="原因",
        max_length=1000,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "例如：经现场核查，项目已于9月竣工"}
        ),
    )


class LightsForm(forms.Form):
    yellow_below = forms.FloatField(
        label="黄灯：低于序时进度（百分点）", min_value=0, max_value=100
    )
    red_below = forms.FloatField(label="红灯：低于序时进度（百分点）", min_value=0, max_value=100)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        y, r = data.get("yellow_below"), data.get("red_below")
        if y is not None and r is not None and y > r:
            raise forms.ValidationError("黄灯阈值不能大于红灯阈值")
        return data


class TolerancesForm(forms.Form):
    """左右/约 targets: how near counts as meeting them (docs/judgement.md states the defaults)."""

    about_points = forms.FloatField(
        label="左右目标：增速、比率可低于目标（百分点）", min_value=0, max_value=5
    )
    about_amount_percent = forms.FloatField(
        label="左右目标：总量达到应完成量的（%）", min_value=50, max_value=100
    )
