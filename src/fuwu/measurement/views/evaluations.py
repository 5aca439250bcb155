"""Staff pages of customer evaluations: the instruments and their questions, and
the collection points of the sites in scope with their QR codes (and a sheet to
print)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from fuwu.core.forms import StyledForm
from fuwu.core.imports import ImportRefused, read_table, template_csv
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from ..evaluation_import import COLUMNS, EvaluationImport, import_evaluations
from ..models import CollectionPoint, Instrument
from ..qr import qr_svg
from ..services.collection import collection_point_create
from ..services.evaluations import instrument_regenerate
from .common import MeasurementView

VIEW = "measurement.view_instruments"
MANAGE = "measurement.manage_instruments"


def _fail(request: HttpRequest, error: Exception) -> None:
    texts = getattr(error, "messages", None) or [str(error)]
    messages.error(request, " ".join(str(t) for t in texts))


class InstrumentListView(MeasurementView):
    capability = VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        instruments = (
            Instrument.objects.for_user(request.user, organization=request.organization)
            .select_related("current_version")
            .prefetch_related("contact_points")
        )
        return render(request, "measurement/instrument_list.html", {"instruments": instruments})


class InstrumentDetailView(MeasurementView):
    capability = VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = get_object_or_404(
            Instrument.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        version = instrument.current_version
        questions = (
            version.questions.select_related("characteristic", "indicator") if version else []
        )
        return render(
            request,
            "measurement/instrument_detail.html",
            {
                "instrument": instrument,
                "questions": questions,
                "versions": instrument.versions.order_by("-number"),
                "may_manage": self.may(request, MANAGE),
            },
        )


class InstrumentRegenerateView(MeasurementView):
    capability = MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = get_object_or_404(
            Instrument.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        try:
            version = instrument_regenerate(actor=request.user, instrument=instrument)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request, _("Version %(number)s is in use.") % {"number": version.number}
            )
        return redirect("measurement:instrument_detail", pk=instrument.pk)


def _page_url(request: HttpRequest, point: CollectionPoint) -> str:
    return request.build_absolute_uri(reverse("evaluation_form", args=[point.token]))


class CollectionPointListView(MeasurementView):
    """The collection points of the sites in scope; the quality manager adds them."""

    capability = VIEW

    def _points(self, request: HttpRequest):
        return (
            CollectionPoint.objects.for_user(request.user, organization=request.organization)
            .select_related("site", "contact_point", "instrument")
            .order_by("site__code", "contact_point__code")
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        may_manage = self.may(request, MANAGE)
        return render(
            request,
            "measurement/collection_points.html",
            {
                "points": self._points(request),
                "may_manage": may_manage,
                "sites": Site.objects.for_user(request.user, organization=request.organization)
                if may_manage
                else [],
                "contact_points": ContactPoint.objects.for_user(
                    request.user, organization=request.organization
                ).filter(status="active")
                if may_manage
                else [],
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        if not self.may(request, MANAGE):
            raise PermissionDenied(_("You do not have permission to do this."))
        organization = request.organization
        site = Site.objects.filter(
            organization=organization, pk=_int(request.POST.get("site"))
        ).first()
        point = ContactPoint.objects.filter(
            organization=organization, pk=_int(request.POST.get("contact_point"))
        ).first()
        try:
            collection_point_create(
                actor=request.user, organization=organization, site=site, contact_point=point
            )
        except (ValidationError, PermissionDenied) as error:
            _fail(request, error)
        else:
            messages.success(request, _("The collection point is ready: print its QR code."))
        return redirect("measurement:collection_points")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


class CollectionPointPrintView(MeasurementView):
    """A sheet to print: the QR code and the contact point's name in both languages."""

    capability = VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        point = get_object_or_404(
            CollectionPoint.objects.for_user(
                request.user, organization=request.organization
            ).select_related("site", "contact_point"),
            pk=pk,
        )
        url = _page_url(request, point)
        titles = []
        for language in ("zh-hans", "en"):
            with override(language):
                name = point.contact_point.name
                titles.append((language, _("Rate our %(point)s") % {"point": name}))
        return render(
            request,
            "measurement/collection_point_print.html",
            # segno writes the SVG from the URL alone: nothing of a user's text is in it.
            {"point": point, "url": url, "titles": titles, "qr": mark_safe(qr_svg(url))},
        )


class EvaluationImportForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8 or GB18030) or Excel (.xlsx), at most 5 MB."),
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-"
                "officedocument.spreadsheetml.sheet"
            }
        ),
    )


class EvaluationImportView(MeasurementView):
    """Evaluations from a CSV or Excel file (paper forms, a kiosk's export): an upload
    form, the row-by-row errors (nothing imported), or the counts. Everyone who reads
    the instruments may read how it works and download the template; importing takes
    measurement.manage_instruments (the same checks as `fuwu import-evaluations`)."""

    capability = VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("template") == "csv":
            response = HttpResponse(template_csv(COLUMNS), content_type="text/csv; charset=utf-8")
            name = f"{request.organization.slug}-evaluations-template.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return self._page(request, EvaluationImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not self.may(request, MANAGE):
            raise PermissionDenied(_("You do not have permission to do this."))
        form = EvaluationImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, form, status=400)
        try:
            result = import_evaluations(
                actor=request.user,
                organization=request.organization,
                table=read_table(form.cleaned_data["file"]),
            )
        except ImportRefused as exc:
            form.add_error("file", str(exc))
            return self._page(request, form, status=400)
        if not result.ok:
            return self._page(request, form, result=result, status=400)
        messages.success(
            request,
            _("Imported: %(created)s evaluations, %(existing)s stored before (skipped).")
            % {"created": result.created, "existing": result.existing},
        )
        return redirect("measurement:collection_points")

    def _page(
        self,
        request: HttpRequest,
        form: EvaluationImportForm,
        result: EvaluationImport | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "form": form,
            "errors": result.errors if result else [],
            "ignored": result.ignored if result else [],
            "columns": COLUMNS,
            "may_import": self.may(request, MANAGE),
        }
        return render(request, "measurement/evaluation_import.html", context, status=status)
