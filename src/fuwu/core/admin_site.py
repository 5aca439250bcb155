"""Fuwu's Django admin site: its login and password forms share the one login lockout."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .auth import LockedPasswordChangeForm, LockoutMessageMixin


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    pass


class FuwuAdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def password_change(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        request.current_app = self.name
        return PasswordChangeView.as_view(
            form_class=LockedPasswordChangeForm,
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)
