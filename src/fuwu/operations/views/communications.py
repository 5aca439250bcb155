"""Pages of the communication log beyond the register: answering an enquiry, erasing
a customer's reference, and the organization's enquiry target."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.errors import status_for
from fuwu.core.permissions import can, in_site_scope

from ..forms_communication import CommunicationSettingsForm
from ..models import Communication, Purpose
from ..registrations import communications
from ..services import communications as services
from .common import OperationsView, RecordWriteView


def detail_context(request: HttpRequest, obj: Communication) -> dict[str, Any]:
    user, organization = request.user, request.organization
    target = services.communication_settings_of(organization).enquiry_response_minutes
    minutes = obj.response_minutes
    in_scope = in_site_scope(user, organization, obj.site_id)
    return {
        "record": obj,
        "target_minutes": target,
        "late": obj.purpose == Purpose.RESPOND and minutes is not None and minutes > target,
        "may_answer": (
            obj.purpose == Purpose.RESPOND
            and obj.answered_at is None
            and in_scope
            and can(user, organization, "operations.log_communications")
        ),
        "may_see_identity": can(user, organization, "operations.log_communications"),
        "may_erase": bool(obj.customer_reference)
        and in_scope
        and can(user, organization, "operations.erase_customer_data"),
    }


class CommunicationAnswerView(RecordWriteView):
    register = communications
    done_message = gettext_lazy("Answered.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.communication_answer(actor=request.user, communication=obj)


class CommunicationEraseView(RecordWriteView):
    register = communications
    done_message = gettext_lazy("The customer's reference is erased.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.communication_erase_reference(actor=request.user, communication=obj)


class CommunicationSettingsView(OperationsView):
    """The time within which an enquiry is answered (the 4.4.4 check reads it)."""

    capability = "operations.manage_settings"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = services.communication_settings_of(request.organization)
        form = CommunicationSettingsForm(
            initial={"enquiry_response_minutes": current.enquiry_response_minutes}
        )
        return self.respond(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CommunicationSettingsForm(request.POST)
        if not form.is_valid():
            return self.respond(request, form, status=400)
        try:
            services.communication_settings_update(
                actor=request.user,
                organization=request.organization,
                enquiry_response_minutes=form.cleaned_data["enquiry_response_minutes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.respond(request, form, status=status_for(exc))
        messages.success(request, _("Saved."))
        return redirect("operations:communication_settings")

    def respond(self, request: HttpRequest, form: Any, status: int = 200) -> HttpResponse:
        return render(
            request,
            "operations/communication_settings.html",
            {"form": form, "register": communications},
            status=status,
        )
