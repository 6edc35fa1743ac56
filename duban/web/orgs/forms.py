"""Forms of the organization's settings and unit pages (labels in Chinese, as all forms)."""

from __future__ import annotations

from django import forms

from duban.core.units import LEVELS
from duban.web.orgs.models import Organization

UNITS_FILE_MAX_BYTES = 512 * 1024  # a units file of thousands of units stays far below


class OrgSettingsForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "level", "office_name", "bulletin_series", "addressees"]
        labels = {
            "name": "机构名称（如 青禾县）",
            "level": "层级",
            "office_name": "督查机构名称（通报、通知落款；空：××人民政府督查室）",
            "bulletin_series": "通报名称（版头；空：××政务督查）",
            "addressees": "主送单位（通报抬头，以全角冒号结尾）",
        }
        widgets = {"addressees": forms.Textarea(attrs={"rows": 2})}

    level = forms.ChoiceField(
        label="层级", choices=[("", "（按名称判断）")] + [(v, v) for v in LEVELS], required=False
    )


class RenameForm(forms.Form):
    name = forms.CharField(label="新名称", max_length=300)


class AliasesForm(forms.Form):
    aliases = forms.CharField(
        label="别名（以顿号或换行分隔）", required=False, max_length=3000, widget=forms.Textarea
    )


class UnitsFileForm(forms.Form):
    file = forms.FileField(label="单位文件（.units.toml）")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > UNITS_FILE_MAX_BYTES:
            raise forms.ValidationError(f"单位文件超过 {UNITS_FILE_MAX_BYTES // 1024} KB 的上限")
        return f
