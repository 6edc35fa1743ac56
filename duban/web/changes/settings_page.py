"""The office sets its organization's approval chain and who holds the unit and leader steps."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from duban.web.access import get_or_deny
from duban.web.audit.services import audit_record
from duban.web.changes.models import ChangeSettings, LeaderScope, UnitApprover
from duban.web.orgs.models import Organization, Unit

CHAINS = [
    ("office", "督查室审批"),
    ("unit,office", "单位分管负责人 → 督查室"),
    ("unit,office,leader", "单位分管负责人 → 督查室 → 分管领导"),
]


def _members(org: Organization, role: str):
    return (
        get_user_model()
        .objects.filter(membership__organization=org, membership__role=role)
        .select_related("membership__unit")
        .order_by("username")
    )


class ChainForm(forms.Form):
    chain = forms.ChoiceField(label="审批链", choices=CHAINS, widget=forms.RadioSelect)
    approvers = forms.ModelMultipleChoiceField(
        label="单位分管负责人（审批本单位的申请）",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, org: Organization, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        approvers = self.fields["approvers"]
        approvers.queryset = _members(org, "unit")  # type: ignore[attr-defined]
        approvers.label_from_instance = lambda u: f"{u.username}（{u.membership.unit}）"  # type: ignore[attr-defined]
        units = Unit.objects.filter(organization=org).order_by("name")
        self.leaders = list(_members(org, "leader"))
        for leader in self.leaders:
            self.fields[f"leader_{leader.pk}"] = forms.ModelMultipleChoiceField(
                label=f"{leader.username} 分管的单位",
                queryset=units,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )


def change_settings(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_or_deny(Organization.objects.all(), request.user, "change", pk=org_id)
    found = ChangeSettings.objects.filter(organization=org).first()
    initial: dict = {
        "chain": found.chain if found else "office",
        "approvers": list(
            UnitApprover.objects.filter(unit__organization=org).values_list("user", flat=True)
        ),
    }
    for scope in LeaderScope.objects.filter(unit__organization=org):
        initial.setdefault(f"leader_{scope.user_id}", []).append(scope.unit_id)
    form = ChainForm(org, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            ChangeSettings.objects.update_or_create(
                organization=org, defaults={"chain": data["chain"]}
            )
            UnitApprover.objects.filter(unit__organization=org).delete()
            UnitApprover.objects.bulk_create(
                UnitApprover(user=u, unit=u.membership.unit)
                for u in data["approvers"]
                if u.membership.unit is not None
            )
            LeaderScope.objects.filter(unit__organization=org).delete()
            LeaderScope.objects.bulk_create(
                LeaderScope(user=leader, unit=unit)
                for leader in form.leaders
                for unit in data[f"leader_{leader.pk}"]
            )
            after = {
                "chain": data["chain"],
                "approvers": sorted(u.pk for u in data["approvers"]),
                "leaders": {
                    str(leader.pk): sorted(u.pk for u in data[f"leader_{leader.pk}"])
                    for leader in form.leaders
                },
            }
            audit_record(
                "change_settings_set",
                org,
                actor=request.user,
                before={k: v for k, v in initial.items()},
                after=after,
                organization_id=org.pk,
            )
        messages.success(request, "申请审批设置已保存。")
        return redirect(request.path)
    return render(request, "changes/settings.html", {"org": org, "form": form})
