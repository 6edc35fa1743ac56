"""The page where a user makes and revokes personal API tokens (个人接口令牌)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from duban.web.access import actor_of
from duban.web.api.models import ApiToken
from duban.web.api.tokens import TokenError, token_create, token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=60, help_text="例如：OA 系统、指挥平台大屏")


@login_required
def tokens_page(request: HttpRequest) -> HttpResponse:  # its user logged in (login_required)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = token_create(request.user, name=form.cleaned_data["name"])
            form = TokenForm()
        except TokenError as exc:
            form.add_error(None, str(exc))
    ctx = {
        "actor": actor_of(request.user),
        "form": form,
        # Rendered on this response only, never stored: it cannot be shown again.
        "secret": secret,
        "tokens": ApiToken.objects.filter(user=cast(User, request.user)).order_by("-created_at"),
    }
    return render(request, "api/tokens.html", ctx)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    # Only the owner's own tokens: anyone else's id is simply not found.
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token_revoke(token, actor=request.user)
    messages.success(request, f"令牌“{token.name}”已吊销。")
    return redirect("api_tokens")
