from __future__ import annotations

from django import forms

from duban.web.documents.services import UPLOAD_SUFFIXES


class UploadForm(forms.Form):
    file = forms.FileField(
        label="文件",
        allow_empty_file=True,  # the service says which file is empty
        help_text="支持 " + "、".join(UPLOAD_SUFFIXES),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="文件中没有写明年度时填写",
    )
