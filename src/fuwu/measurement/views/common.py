"""What every page of measurement shares: login, organization and a capability."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from fuwu.core.permissions import can


class MeasurementView(View):
    capability = "measurement.view_inspections"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.organization is None:
            return render(request, "core/no_organization.html", status=403)
        if not can(request.user, request.organization, self.capability):
            raise PermissionDenied(_("You do not have permission to see this page."))
        return super().dispatch(request, *args, **kwargs)

    def may(self, request: HttpRequest, capability: str) -> bool:
        return can(request.user, request.organization, capability)
