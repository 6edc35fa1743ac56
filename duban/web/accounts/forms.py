from __future__ import annotations

from django import forms

from duban.core.roster import ROSTER_SUFFIXES


class RosterForm(forms.Form):
    file = forms.FileField(
        label="联络员名单",
        help_text="Excel（.xlsx）或 CSV 文件，表头写明“单位、姓名、手机号、电子邮箱”。",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ROSTER_SUFFIXES)}),
    )


class HandOverForm(forms.Form):
    """The new reporter; the rules for the values are the roster's (core/roster.py)."""

    name = forms.CharField(label="新联络员姓名", max_length=30)
    phone = forms.CharField(label="手机号", max_length=20, help_text="新联络员用手机号登录。")
    email = forms.EmailField(label="电子邮箱", required=False)
