"""Importing contact points from CSV or Excel: an upload form, the row-by-row error
report (nothing imported), or the register with what was imported.

Everyone who reads the design may read how an import works and download the
template (staff often prepare the file); importing takes `design.manage`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.forms import StyledForm
from fuwu.core.imports import ImportRefused, ImportResult, RowError, template_csv

from ..imports import COLUMNS, import_contact_points
from .common import DesignView

ACCEPT = (
    ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class ImportForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8 or GB18030) or Excel (.xlsx), at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class ContactPointImportView(DesignView):
    capability = "design.view"  # reading the page; POST asks design.manage

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("template") == "csv":
            response = HttpResponse(template_csv(COLUMNS), content_type="text/csv; charset=utf-8")
            name = f"{request.organization.slug}-contact-points-template.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return self.render_page(request, ImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not self.may(request, "design.manage"):
            raise PermissionDenied(_("You do not have permission to import contact points."))
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
            return self.render_page(request, form, result=result, status=400)
        self.report(request, result)
        return redirect("design:contactpoint_list")

    @staticmethod
    def report(request: HttpRequest, result: ImportResult) -> None:
        counts = {"created": result.created, "updated": result.updated}
        if result.unchanged:
            text = _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            counts["unchanged"] = result.unchanged
        else:
            text = _("Imported: %(created)s created, %(updated)s updated.")
        messages.success(request, text % counts)
        if result.ignored:
            messages.info(
                request,
                _("These columns were ignored: %(columns)s.")
                % {"columns": ", ".join(result.ignored)},
            )

    def render_page(
        self,
        request: HttpRequest,
        form: ImportForm,
        result: ImportResult | None = None,
        status: int = 200,
    ) -> HttpResponse:
        errors: list[RowError] = result.errors if result else []
        ctx = {
            "form": form,
            "errors": errors,
            "ignored": result.ignored if result else [],
            "columns": COLUMNS,
            "may_import": self.may(request, "design.manage"),
        }
        return render(request, "design/contactpoint_import.html", ctx, status=status)
