"""The bulletin's form (督查通报): 期号, date, 依据文号, addressees and the sections to include,
set before the DOCX or PDF is made. The document is made in the background (jobs/exports.py):
the answer is the file when it is ready, else the job's page, which shows its progress and
hands the file over when done."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from duban.core import model as core
from duban.web.access import actor_of
from duban.web.dashboard.verdicts import DocumentJudgement
from duban.web.jobs.exports import export_request
from duban.web.jobs.views import served_or_followed
from duban.web.plans.models import Period
from duban.web.rounds.guards import period_for


class BulletinForm(forms.Form):
    issue_no = forms.IntegerField(label="期号", min_value=1, max_value=9999, required=False)
    issued = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    basis_no = forms.CharField(label="依据文号", max_length=50, required=False)
    addressees = forms.CharField(label="主送", max_length=200, required=False)
    sections = forms.TypedMultipleChoiceField(
        label="包含的部分",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个部分"},
    )
    fmt = forms.ChoiceField(
        label="格式", choices=[("docx", "下载Word"), ("pdf", "下载PDF")], initial="docx"
    )

    def __init__(self, period: Period, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        numbers = [(s.number, s.title) for s in period.plan.sections.order_by("number")]
        sections = self.fields["sections"]
        assert isinstance(sections, forms.TypedMultipleChoiceField)
        sections.choices = numbers
        self.initial.setdefault("sections", [n for n, _ in numbers])
        self.initial.setdefault("issued", timezone.localdate())
        self.initial.setdefault("addressees", period.plan.organization.addressees)

    def options(self, every_section: bool) -> dict:
        """The export's options (JSON values), only those set; every section chosen is none."""
        data = self.cleaned_data
        out: dict = {"issued": data["issued"].isoformat()}
        for key in ("issue_no", "basis_no", "addressees"):
            if data.get(key) not in (None, ""):
                out[key] = data[key]
        if not every_section:
            out["sections"] = sorted(data["sections"])
        return out


def only_sections(
    plan: core.Plan, judgement: DocumentJudgement, numbers: Collection[int]
) -> tuple[core.Plan, DocumentJudgement]:
    """The plan and judgement cut to the chosen sections: the bulletin counts, lists and names
    only their tasks."""
    kept = tuple(s for s in plan.sections if s.number in set(numbers))
    seqs = {t.seq for s in kept for t in s.tasks}
    missing = {
        unit: [seq for seq in tasks if seq in seqs] for unit, tasks in judgement.missing.items()
    }
    cut = DocumentJudgement(
        tasks=tuple(t for t in judgement.tasks if t.seq in seqs),
        missing={unit: tasks for unit, tasks in missing.items() if tasks},
    )
    return dataclasses.replace(plan, sections=kept), cut


@require_http_methods(["GET", "POST"])
def bulletin_form(request: HttpRequest, period_id: int) -> HttpResponse:
    period = period_for(request, period_id, "oversee")  # the office and leaders, as downloads
    form = BulletinForm(period, request.POST or None)
    if request.method == "POST" and form.is_valid():
        every = set(form.cleaned_data["sections"]) == set(
            period.plan.sections.values_list("number", flat=True)
        )
        job = export_request(
            period,
            "bulletin",
            form.cleaned_data["fmt"],
            user=request.user,
            options=form.options(every),
        )
        return served_or_followed(job)  # type: ignore[return-value]  # a file or a redirect
    ctx = {"plan": period.plan, "period": period, "actor": actor_of(request.user), "form": form}
    return render(request, "rounds/bulletin.html", ctx, status=400 if form.errors else 200)
