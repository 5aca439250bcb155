"""Pages of shift hand-over beyond the register: handing over (phone-first, with what
will go with it), the record page's acknowledgement, and the acknowledgement time."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for
from fuwu.core.models import Site
from fuwu.core.permissions import can, in_site_scope
from fuwu.core.registers import apply_validation_error

from ..forms_handovers import HandoverForm, HandoverSettingsForm
from ..models import Handover, RequestKind, RequestStatus
from ..registrations_handovers import handovers
from ..services import handovers as services
from .common import OperationsView, RecordWriteView


def _in_language(row: dict[str, Any], name: str) -> str:
    zh = (get_language() or "en").lower().startswith("zh")
    first, second = (f"{name}_zh", f"{name}_en") if zh else (f"{name}_en", f"{name}_zh")
    return row.get(first) or row.get(second) or ""


def _requests(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds, statuses = dict(RequestKind.choices), dict(RequestStatus.choices)
    return [
        r
        | {
            "summary": _in_language(r, "summary"),
            "kind_label": kinds.get(r.get("kind"), ""),
            "status_label": statuses.get(r.get("status"), ""),
        }
        for r in rows
    ]


def _items(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r | {"description": _in_language(r, "description")} for r in rows]


def detail_context(request: HttpRequest, obj: Handover) -> dict[str, Any]:
    user, organization = request.user, request.organization
    may_acknowledge = (
        obj.acknowledged_at is None
        and obj.outgoing_id != user.pk
        and can(user, organization, "operations.hand_over")
        and in_site_scope(user, organization, obj.site_id)
    )
    return {
        "record": obj,
        "requests_handed": _requests(obj.open_requests),
        "items_handed": _items(obj.property_in_custody),
        "may_acknowledge": may_acknowledge,
        "own": obj.outgoing_id == user.pk,
    }


class HandoverNewView(OperationsView):
    """Hand the shift over: where, and the notes; the rest is assembled from the data."""

    capability = "operations.hand_over"

    def form(self, request: HttpRequest) -> HandoverForm:
        data = request.POST if request.method == "POST" else None
        initial = {k: request.GET[k] for k in ("site", "contact_point") if k in request.GET}
        return HandoverForm(
            data, organization=request.organization, user=request.user, initial=initial
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.respond(request, self.form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request)
        if not form.is_valid():
            return self.respond(request, form, status=400)
        try:
            handover = services.handover_create(
                actor=request.user, organization=request.organization, **form.service_data()
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error(None, str(exc))
                return self.respond(request, form, status=403)
            if hasattr(exc, "error_dict"):
                renamed = {
                    ("notes" if k in ("notes_en", "notes_zh") else k): v
                    for k, v in exc.error_dict.items()
                }
                apply_validation_error(form, ValidationError(renamed))
            else:
                form.add_error(None, exc.messages)
            return self.respond(request, form, status=status_for(exc))
        messages.success(
            request,
            _("%(number)s handed over: the next shift acknowledges it.")
            % {"number": handover.number},
        )
        return redirect(handover.get_absolute_url())

    def respond(self, request: HttpRequest, form: HandoverForm, status: int = 200) -> HttpResponse:
        return render(
            request,
            "operations/handover_new.html",
            {"form": form, "register": handovers, "preview": self.preview(request, form)},
            status=status,
        )

    @staticmethod
    def preview(request: HttpRequest, form: HandoverForm) -> dict[str, int] | None:
        """What goes with the hand-over at the chosen (or only) site: two counts."""
        site_id = form["site"].value()
        if not site_id:
            return None
        site = Site.objects.for_user(request.user, organization=request.organization).filter(
            pk=site_id if str(site_id).isdigit() else None
        )
        site = site.first()
        if site is None:
            return None
        point = None
        point_id = form["contact_point"].value()
        if point_id and str(point_id).isdigit():
            point = form.fields["contact_point"].queryset.filter(pk=point_id).first()
            if point is not None and point.site_id not in (None, site.pk):
                point = None
        now = timezone.now()
        organization = request.organization
        return {
            "requests": len(services.open_requests_at(organization, site, point, now)),
            "property": len(services.property_in_custody_at(organization, site, point, now)),
        }


class HandoverAcknowledgeView(RecordWriteView):
    register = handovers
    done_message = gettext_lazy("Acknowledged: the shift is yours.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.handover_acknowledge(actor=request.user, handover=obj)


class HandoverSettingsView(OperationsView):
    """The hours within which a hand-over is acknowledged before it is flagged."""

    capability = "operations.manage_settings"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = services.handover_settings_of(request.organization)
        form = HandoverSettingsForm(
            initial={"acknowledge_within_hours": current.acknowledge_within_hours}
        )
        return self.respond(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = HandoverSettingsForm(request.POST)
        if not form.is_valid():
            return self.respond(request, form, status=400)
        try:
            services.handover_settings_update(
                actor=request.user,
                organization=request.organization,
                acknowledge_within_hours=form.cleaned_data["acknowledge_within_hours"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.respond(request, form, status=status_for(exc))
        messages.success(request, _("Saved."))
        return redirect("operations:handover_settings")

    def respond(self, request: HttpRequest, form: Any, status: int = 200) -> HttpResponse:
        return render(
            request,
            "operations/handover_settings.html",
            {"form": form, "register": handovers},
            status=status,
        )
