"""What the pages of operations share: the member check of a page beyond a register,
and the record write (POST a small form, call one service, back to the record)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from fuwu.core.errors import status_for
from fuwu.core.models import Attachment
from fuwu.core.permissions import can
from fuwu.core.registers import Register, RegisterView, apply_validation_error


class OperationsView(View):
    capability = "operations.view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.organization is None:
            return render(request, "core/no_organization.html", status=403)
        if not can(request.user, request.organization, self.capability):
            raise PermissionDenied(_("You do not have permission to see this page."))
        return super().dispatch(request, *args, **kwargs)


class RecordWriteView(RegisterView):
    """POST only; the register's login, organization and view checks come first.
    Refused input re-renders the record page with the reason (400, 403 or 409)."""

    http_method_names = ["post"]
    register: Register = None  # type: ignore[assignment]
    form_class: type[forms.Form] | None = None
    form_key = ""
    done_message = ""

    def post(self, request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
        obj = self.register.get_object(request, pk)
        form = self.make_form(request, obj)
        if form is not None and not form.is_valid():
            return self.page(request, obj, form=form, status=400)
        try:
            self.write(request, obj, form.cleaned_data if form is not None else {}, **kwargs)
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                return self.page(request, obj, errors=[str(exc)], status=403)
            if form is not None and hasattr(exc, "error_dict"):
                apply_validation_error(form, exc)
                return self.page(request, obj, form=form, status=status_for(exc))
            return self.page(request, obj, errors=exc.messages, status=status_for(exc))
        messages.success(request, str(self.done_message))
        return redirect(self.register.url("detail", obj))

    def make_form(self, request: HttpRequest, obj: Any) -> forms.Form | None:
        return self.form_class(request.POST) if self.form_class is not None else None

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
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
