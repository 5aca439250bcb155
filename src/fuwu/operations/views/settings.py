"""The organization's response and resolution targets, set by the quality manager."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for

from ..forms import SettingsForm
from ..models import DEFAULT_TARGETS, Priority, RequestKind, target_key
from ..services.settings import settings_of, settings_update, target_keys
from .common import OperationsView


class SettingsView(OperationsView):
    capability = "operations.manage_settings"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = settings_of(request.organization)
        initial = {}
        for key, kind, priority, _default in target_keys():
            initial[key] = (
                current.response_minutes(kind, priority)
                if key.startswith("response_")
                else current.resolution_hours(kind, priority)
            )
        return self.respond(request, SettingsForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                settings_update(
                    actor=request.user, organization=request.organization, data=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
                return self.respond(request, form, status=status_for(exc))
            messages.success(request, _("Saved."))
            return redirect("operations:settings")
        return self.respond(request, form, status=400)

    def respond(self, request: HttpRequest, form: SettingsForm, status: int = 200) -> HttpResponse:
        rows = []
        for kind, kind_label in RequestKind.choices:
            cells = []
            for priority, priority_label in Priority.choices:
                default = DEFAULT_TARGETS[kind][priority]
                cells.append(
                    (
                        priority_label,
                        form[target_key(kind, priority, "response")],
                        form[target_key(kind, priority, "resolution")],
                        default,
                    )
                )
            rows.append((kind_label, cells))
        return render(
            request,
            "operations/settings.html",
            {"form": form, "rows": rows, "priorities": Priority.choices},
            status=status,
        )
