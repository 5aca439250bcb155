"""The account menu: your API tokens (created here, shown once, revocable)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import ApiToken


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    new_key = None
    if request.method == "POST":
        _token, new_key = services.api_token_create(user=request.user)
    mine = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    status = 201 if new_key else 200
    return render(
        request, "core/account_tokens.html", {"tokens": mine, "new_key": new_key}, status=status
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("core:account_tokens")
