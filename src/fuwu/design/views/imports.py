"""Importing contact points from CSV or Excel: an upload form, the row-by-row error
report (nothing imported), or the register with what was imported."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.forms import StyledForm
from fuwu.core.imports import ImportRefused, template_csv

from ..imports import COLUMNS, import_contact_points
from .common import DesignView


class ImportForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8 or GB18030) or Excel (.xlsx), at most 5 MB."),
    )


class ContactPointImportView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        self.require_manage(request)
        if request.GET.get("template") == "csv":
            response = HttpResponse(template_csv(COLUMNS), content_type="text/csv; charset=utf-8")
            name = f"{request.organization.slug}-contact-points-template.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return self.render_page(request, ImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require_manage(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        try:
            result = import_contact_points(
                actor=request.user,
                organization=request.organization,
                uploaded_file=form.cleaned_data["file"],
            )
        except ImportRefused as exc:
            form.add_error("file", str(exc))
            return self.render_page(request, form, status=400)
        if not result.ok:
            return self.render_page(request, form, errors=result.errors, status=400)
        messages.success(
            request,
            _("Imported: %(created)s created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
        )
        return redirect("design:contactpoint_list")

    def require_manage(self, request: HttpRequest) -> None:
        if not self.may(request, "design.manage"):
            raise PermissionDenied(_("You do not have permission to import contact points."))

    def render_page(
        self, request: HttpRequest, form: ImportForm, errors: list | None = None, status: int = 200
    ) -> HttpResponse:
        ctx = {"form": form, "errors": errors or [], "columns": COLUMNS}
        return render(request, "design/contactpoint_import.html", ctx, status=status)
