"""The writes on a record page: cause analysis, disposition, planning an action,
closing; completing and verifying an action. Each POSTs a small form, calls one
service and goes back to the record; refused input re-renders the page with the
reason (400, or 409 for a state conflict)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from fuwu.core.errors import status_for
from fuwu.core.models import Attachment
from fuwu.core.registers import Register, RegisterView

from ..forms import CauseForm, CompleteForm, DispositionForm, PlanForm, VerifyForm
from ..registrations import actions, nonconformities
from ..services import actions as action_services
from ..services import nonconformities as nc_services


class RecordWriteView(RegisterView):
    """POST only; the register's login, organization and view checks come first."""

    http_method_names = ["post"]
    register: Register = None  # type: ignore[assignment]
    form_class: type[forms.Form] | None = None
    form_key = ""  # the context name of the form on the record page
    done_message = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.register.get_object(request, pk)
        form = self.make_form(request, obj)
        if form is not None and not form.is_valid():
            return self.page(request, obj, form=form, status=400)
        try:
            self.write(request, obj, form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            if form is not None and hasattr(exc, "error_dict"):
                from fuwu.core.registers import apply_validation_error

                apply_validation_error(form, exc)
                return self.page(request, obj, form=form, status=status_for(exc))
            return self.page(request, obj, errors=exc.messages, status=status_for(exc))
        messages.success(request, str(self.done_message))
        return redirect(self.register.url("detail", obj))

    def make_form(self, request: HttpRequest, obj: Any) -> forms.Form | None:
        return self.form_class(request.POST) if self.form_class is not None else None

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def page(
        self,
        request: HttpRequest,
        obj: Any,
        *,
        status: int,
        form: forms.Form | None = None,
        errors: list[str] | None = None,
    ) -> HttpResponse:
        """The record's page again, with the refused form or the reason."""
        reg = self.register
        extra = reg.detail_context(request, obj)
        if form is not None and self.form_key:
            extra[self.form_key] = form
            extra["open_form"] = self.form_key
        ctx = self.context(
            object=obj,
            fields=[(c, c.value(obj)) for c in reg.detail_fields or reg.columns],
            may_manage=reg.may_manage(request, obj),
            attachments=Attachment.objects.filter(
                organization=request.organization,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
            ),
            may_attach=False,
            history=reg.history(request, obj)[:5],
            errors=errors or [],
            **extra,
        )
        return render(request, reg.detail_template, ctx, status=status)


class NonconformityCauseView(RecordWriteView):
    register = nonconformities
    form_class = CauseForm
    form_key = "cause_form"
    done_message = _("Cause analysis saved.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        nc_services.nonconformity_analyse(actor=request.user, nonconformity=obj, **data)


class NonconformityDispositionView(RecordWriteView):
    register = nonconformities
    form_class = DispositionForm
    form_key = "disposition_form"
    done_message = _("Disposition saved.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        nc_services.nonconformity_dispose(actor=request.user, nonconformity=obj, **data)


class NonconformityCloseView(RecordWriteView):
    register = nonconformities
    done_message = _("Nonconformity closed.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        nc_services.nonconformity_close(actor=request.user, nonconformity=obj)


class NonconformityPlanView(RecordWriteView):
    register = nonconformities
    form_key = "plan_form"
    done_message = _("Action planned.")

    def make_form(self, request: HttpRequest, obj: Any) -> forms.Form:
        return PlanForm(request.POST, organization=request.organization, user=request.user)

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        data = data | {"nonconformity": obj, "site": None, "origin": ""}
        action_services.action_plan(actor=request.user, organization=request.organization, **data)


class ActionCompleteView(RecordWriteView):
    register = actions
    form_class = CompleteForm
    form_key = "complete_form"
    done_message = _("Action completed.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        action_services.action_complete(actor=request.user, action=obj, **data)


class ActionVerifyView(RecordWriteView):
    register = actions
    form_class = VerifyForm
    form_key = "verify_form"
    done_message = _("Verification recorded.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> None:
        action_services.action_verify(actor=request.user, action=obj, **data)
