"""The account menu: your API tokens (created here, shown once, revocable); and
the pages of joining: accepting an invitation, setting one's first password."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services
from .forms import NewAccountForm
from .middleware import SESSION_ORG
from .models import ApiToken
from .registers import REGISTRY, apply_validation_error


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


# -- invitations ------------------------------------------------------------------------


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    register = REGISTRY["core.invitation"]
    if request.organization is None or not register.may_view(request):
        raise PermissionDenied
    invitation = register.get_object(request, pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Invitation revoked."))
    return redirect("core:invitation_detail", pk=invitation.pk)


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation's link opens: who invites, to which role; accept as the
    person logged in, or create a login. Never shows anything of an existing account."""
    invitation = services.invitation_for_token(token)
    if invitation is None or not invitation.is_pending:
        return render(request, "core/invitation_invalid.html", status=404)
    form = NewAccountForm(request.POST or None) if not request.user.is_authenticated else None
    status = 200
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                membership = services.invitation_accept(user=request.user, invitation=invitation)
            elif form is not None and form.is_valid():
                data = form.cleaned_data
                membership = services.invitation_accept_with_new_account(
                    invitation=invitation,
                    username=data["username"],
                    password=data["password"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                )
                auth_login(request, membership.user, backend=settings.AUTHENTICATION_BACKENDS[0])
            else:
                membership = None
        except ValidationError as exc:
            membership = None
            if form is not None:
                apply_validation_error(form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
        if membership is not None:
            request.session[SESSION_ORG] = membership.organization_id
            messages.success(
                request,
                _("Welcome to %(name)s.") % {"name": membership.organization.name},
            )
            return redirect("core:dashboard")
        status = 400
    context = {"invitation": invitation, "form": form, "token": token}
    return render(request, "core/invitation_accept.html", context, status=status)


class SetPasswordView(PasswordResetConfirmView):
    """The link a new member gets by e-mail to choose their password (Django's
    one-time token: it stops working once the password is set)."""

    template_name = "core/set_password.html"
    success_url = reverse_lazy("core:login")
    reset_url_token = "set-password"

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password is set. Log in with it."))
        return super().form_valid(form)
