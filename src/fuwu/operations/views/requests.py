"""Pages of requests and complaints: logging (phone-first), the record page with its
timeline, steps, transfer, closure and erasure, and the overdue list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.errors import status_for
from fuwu.core.permissions import can
from fuwu.core.registers import apply_validation_error

from .. import selectors
from ..forms import CloseForm, RequestLogForm, StepForm, TransferForm, in_language
from ..models import CustomerRequest, EventKind
from ..registrations import requests
from ..services import requests as services
from ..workflow import workflow_for
from .common import OperationsView, RecordWriteView

# The steps' texts, by step: the form's label and the field it fills.
STEP_LABELS = {
    "acknowledge": gettext_lazy("Note (optional)"),
    "assess": gettext_lazy("Assessment"),
    "investigate": gettext_lazy("What the investigation found"),
    "respond": gettext_lazy("Response to the customer"),
    "decide": gettext_lazy("Decision communicated to the customer"),
}


def detail_context(request: HttpRequest, obj: CustomerRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    now = timezone.now()
    options = workflow_for(obj).options(user, obj)
    steps = []
    close_option = None
    for option in options:
        if option.transition.name == "close":
            close_option = option
            continue
        form = StepForm(prefix=option.transition.name)
        form.fields["text"].label = STEP_LABELS.get(option.transition.name, _("Text"))
        if option.transition.name != "assess":
            del form.fields["priority"]
        steps.append((option, form))
    may_transfer = (
        not obj.is_closed
        and can(user, organization, "operations.handle_requests")
        and (
            user.pk in (obj.handler_id, obj.first_owner_id)
            or can(user, organization, "operations.close_complaints")
        )
    )
    return {
        "record": obj,
        "events": list(
            obj.events.select_related("actor", "from_user", "to_user").order_by("at", "pk")
        ),
        "transfers": obj.events.filter(kind=EventKind.TRANSFERRED).count(),
        "steps": steps,
        "close_option": close_option,
        "close_form": CloseForm() if close_option and close_option.allowed else None,
        "transfer_form": (
            TransferForm(organization=organization, request_record=obj) if may_transfer else None
        ),
        "may_see_identity": can(user, organization, "operations.handle_requests"),
        "may_erase": obj.has_identity and can(user, organization, "operations.erase_customer_data"),
        "response_late": obj.response_late(now),
        "resolution_late": obj.resolution_late(now),
    }


class RequestLogView(OperationsView):
    """Log what a customer asked: the type, where, their words; the rest optional."""

    capability = "operations.log_requests"

    def form(self, request: HttpRequest) -> RequestLogForm:
        data = request.POST if request.method == "POST" else None
        initial = {k: request.GET[k] for k in ("kind", "site", "contact_point") if k in request.GET}
        return RequestLogForm(
            data, organization=request.organization, user=request.user, initial=initial
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.respond(request, self.form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request)
        if not form.is_valid():
            return self.respond(request, form, status=400)
        try:
            record = services.request_log(
                actor=request.user, organization=request.organization, **form.service_data()
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                exc = _fields_of_the_form(exc)
                apply_validation_error(form, exc)
            else:
                form.add_error(None, exc.messages)
            return self.respond(request, form, status=status_for(exc))
        messages.success(
            request, _("%(number)s logged: you are its first owner.") % {"number": record.number}
        )
        return redirect(record.get_absolute_url())

    def respond(
        self, request: HttpRequest, form: RequestLogForm, status: int = 200
    ) -> HttpResponse:
        return render(
            request,
            "operations/request_log.html",
            {"form": form, "register": requests},
            status=status,
        )


def _fields_of_the_form(exc: ValidationError) -> ValidationError:
    """The services name the language fields; the form has one field per text."""
    renamed = {}
    for name, errors in exc.error_dict.items():
        for suffix in ("_en", "_zh"):
            if name.endswith(suffix) and name[: -len(suffix)] in ("summary", "immediate_action"):
                name = name[: -len(suffix)]
        renamed[name] = errors
    return ValidationError(renamed)


class RequestStepView(RecordWriteView):
    register = requests
    done_message = gettext_lazy("Step recorded.")

    def post(self, request: HttpRequest, pk: int, step: str = "") -> HttpResponse:  # type: ignore[override]
        self.step = step
        return super().post(request, pk)

    def make_form(self, request: HttpRequest, obj: Any) -> StepForm:
        return StepForm(request.POST, prefix=self.step)

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        texts = in_language("text", data.get("text", ""))
        services.request_step(
            actor=request.user,
            request=obj,
            step=self.step,
            text_en=texts["text_en"],
            text_zh=texts["text_zh"],
            priority=data.get("priority") or "",
        )


class RequestTransferView(RecordWriteView):
    register = requests
    form_key = "transfer_form"
    done_message = gettext_lazy("Handed over: you stay its first owner if you were.")

    def make_form(self, request: HttpRequest, obj: Any) -> TransferForm:
        return TransferForm(request.POST, organization=request.organization, request_record=obj)

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        reason = in_language("reason", data["reason"])
        services.request_transfer(actor=request.user, request=obj, to=data["to"], **reason)


class RequestCloseView(RecordWriteView):
    register = requests
    form_class = CloseForm
    form_key = "close_form"
    done_message = gettext_lazy("Closed.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        note = in_language("note", data.get("note", ""))
        services.request_close(
            actor=request.user,
            request=obj,
            confirmation=data.get("confirmation") or "",
            resolved=data.get("resolved", True),
            **note,
        )


class RequestEraseView(RecordWriteView):
    register = requests
    done_message = gettext_lazy("The customer's identity is erased.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.request_erase_identity(actor=request.user, request=obj)


class OverdueView(OperationsView):
    """Open requests past a target, the most pressing first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = list(selectors.overdue_requests(request.user, request.organization)[:200])
        now = timezone.now()
        return render(
            request,
            "operations/request_overdue.html",
            {
                "rows": [
                    (r, r.first_response_at is None and r.response_due_at < now) for r in rows
                ],
                "register": requests,
            },
        )
