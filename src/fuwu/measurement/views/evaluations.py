"""Staff pages of customer evaluations: the instruments and their questions, and
the collection points of the sites in scope with their QR codes (and a sheet to
print)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from fuwu.core import exports
from fuwu.core.forms import StyledForm
from fuwu.core.imports import ImportRefused, read_table, template_csv
from fuwu.core.models import Site
from fuwu.core.permissions import can
from fuwu.design.models import Characteristic, ContactPoint, Indicator

from ..evaluation_import import COLUMNS, EvaluationImport, import_evaluations
from ..models import (
    CallBackRequest,
    CallBackStatus,
    CollectionPoint,
    Dimension,
    Instrument,
    InstrumentKind,
    PairRole,
    Question,
    QuestionType,
)
from ..posters import LANGUAGES, points_of, poster_file
from ..qr import qr_svg
from ..services.call_backs import call_back_done, call_back_erase
from ..services.collection import collection_point_create
from ..services.evaluations import (
    QuestionsInvalid,
    instrument_regenerate,
    instrument_revise,
    instrument_update,
    max_questions,
    questions_of,
)
from ..services.studies import parse_items, study_create
from ..studies import Results, results_for
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
        may_manage = self.may(request, MANAGE)
        return render(
            request,
            "measurement/instrument_list.html",
            {
                "instruments": instruments,
                "may_manage": may_manage,
                "study_kinds": [
                    (k, label)
                    for k, label in InstrumentKind.choices
                    if k != InstrumentKind.STANDARD
                ],
                "contact_points": ContactPoint.objects.for_user(
                    request.user, organization=request.organization
                ).filter(status="active")
                if may_manage
                else [],
                "posted": {},
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        """A new Kano or SERVQUAL study from a list of attributes or items."""
        if not self.may(request, MANAGE):
            raise PermissionDenied(_("You do not have permission to do this."))
        organization = request.organization
        kind = request.POST.get("kind", "")
        point = ContactPoint.objects.filter(
            organization=organization, pk=_int(request.POST.get("contact_point"))
        ).first()
        try:
            study = study_create(
                actor=request.user,
                organization=organization,
                kind=kind,
                name_en=request.POST.get("name_en", "")[:200],
                name_zh=request.POST.get("name_zh", "")[:200],
                items=parse_items(request.POST.get("items", "")[:20000], kind),
                contact_points=[point] if point else [],
            )
        except ValidationError as error:
            _fail(request, error)
            return redirect("measurement:instrument_list")
        messages.success(
            request, _("The study is ready: add a collection point to share it with customers.")
        )
        return redirect("measurement:instrument_detail", pk=study.pk)


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
        # The history: every version with what it asked (one query for all questions).
        versions = instrument.versions.order_by("-number").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "pk"))
        )
        return render(
            request,
            "measurement/instrument_detail.html",
            {
                "instrument": instrument,
                "questions": questions,
                "versions": versions,
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
        points = list(self._points(request))
        return render(
            request,
            "measurement/collection_points.html",
            {
                "points": points,
                "poster_sites": list({p.site_id: p.site for p in points}.values()),
                "may_manage": may_manage,
                "sites": Site.objects.for_user(request.user, organization=request.organization)
                if may_manage
                else [],
                "contact_points": ContactPoint.objects.for_user(
                    request.user, organization=request.organization
                ).filter(status="active")
                if may_manage
                else [],
                "instruments": Instrument.objects.for_user(
                    request.user, organization=request.organization
                ).filter(is_active=True)
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
        instrument = Instrument.objects.filter(
            organization=organization, is_active=True, pk=_int(request.POST.get("instrument"))
        ).first()
        try:
            collection_point_create(
                actor=request.user,
                organization=organization,
                site=site,
                contact_point=point,
                instrument=instrument,
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


# Blank question cards offered at the end of the edit form (more: save and edit again).
BLANK_ROWS = 2
TEXT_FIELDS = ("text_en", "text_zh", "options_en", "options_zh", "pair_key", "role", "dimension")


def _posted_questions(request: HttpRequest, instrument: Instrument) -> list[dict]:
    """The questions of the edit form in their new order: removed and blank cards
    left out, characteristic and indicator looked up in this organization."""
    organization = request.organization
    characteristics = {
        str(c.pk): c for c in Characteristic.objects.filter(organization=organization)
    }
    indicators = {
        str(i.pk): i for i in Indicator.objects.filter(organization=organization, is_active=True)
    }
    count = min(_int(request.POST.get("rows")) or 0, max_questions(instrument.kind) + BLANK_ROWS)
    cards = []
    for n in range(count):
        prefix = f"q-{n}-"
        post = request.POST
        texts = {name: post.get(prefix + name, "").strip() for name in TEXT_FIELDS}
        for name in ("options_en", "options_zh"):  # one a line, as stored
            texts[name] = "\n".join(o.strip() for o in texts[name].splitlines() if o.strip())
        if post.get(prefix + "remove") or not (texts["text_en"] or texts["text_zh"]):
            continue  # removed, or a blank card left blank
        question = {
            "type": post.get(prefix + "type", ""),
            "required": bool(post.get(prefix + "required")),
            "after_low_rating": bool(post.get(prefix + "after_low_rating")),
            "characteristic": characteristics.get(post.get(prefix + "characteristic", "")),
            "indicator": indicators.get(post.get(prefix + "indicator", "")),
            **texts,
        }
        order = _int(post.get(prefix + "order"))
        cards.append((order if order is not None else n + 1, n, question))
    return [question for _order, _n, question in sorted(cards, key=lambda c: c[:2])]


class InstrumentEditView(MeasurementView):
    """Edit the questions: saving writes a new version (instrument_revise); the
    versions before it, and what they asked, stay as they were."""

    capability = MANAGE

    def _instrument(self, request: HttpRequest, pk: int) -> Instrument:
        return get_object_or_404(
            Instrument.objects.for_user(request.user, organization=request.organization), pk=pk
        )

    def _render(
        self,
        request: HttpRequest,
        instrument: Instrument,
        questions: list[dict],
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        organization = request.organization
        cards = [{**q, "number": n} for n, q in enumerate(questions, 1)]
        cards += [{"type": "rating", "blank": True} for _ in range(BLANK_ROWS)]
        return render(
            request,
            "measurement/instrument_edit.html",
            {
                "instrument": instrument,
                "cards": cards,
                "errors": errors or {},
                "types": QuestionType.choices,
                "roles": PairRole.choices,
                "dimensions": Dimension.choices,
                "studies": instrument.kind != InstrumentKind.STANDARD,
                "characteristics": Characteristic.objects.filter(organization=organization),
                "indicators": Indicator.objects.filter(
                    organization=organization, is_active=True
                ).select_related("characteristic"),
            },
            status=status,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = self._instrument(request, pk)
        version = instrument.current_version
        return self._render(request, instrument, questions_of(version) if version else [])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = self._instrument(request, pk)
        questions = _posted_questions(request, instrument)
        offer = bool(request.POST.get("offer_call_back"))
        try:
            if offer != instrument.offer_call_back:
                instrument_update(
                    actor=request.user, instrument=instrument, data={"offer_call_back": offer}
                )
            version = instrument.current_version
            if version is not None and questions == questions_of(version):
                messages.info(request, _("The questions did not change: no new version."))
                return redirect("measurement:instrument_detail", pk=instrument.pk)
            version = instrument_revise(
                actor=request.user, instrument=instrument, questions=questions
            )
        except QuestionsInvalid as invalid:
            return self._render(request, instrument, questions, invalid.by_question, status=400)
        except ValidationError as error:
            _fail(request, error)
            return self._render(request, instrument, questions, status=400)
        messages.success(request, _("Version %(number)s is in use.") % {"number": version.number})
        return redirect("measurement:instrument_detail", pk=instrument.pk)


HANDLE = "measurement.handle_call_backs"


class CallBackListView(MeasurementView):
    """Customers who asked to be called back, at the sites in scope: call, mark
    done, erase the contact."""

    capability = HANDLE

    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status", CallBackStatus.OPEN)
        requests = (
            CallBackRequest.objects.for_user(request.user, organization=request.organization)
            .select_related("site", "evaluation__contact_point", "done_by")
            .order_by("-consented_at", "-pk")
        )
        if status in CallBackStatus.values:
            requests = requests.filter(status=status)
        return render(
            request,
            "measurement/call_backs.html",
            {
                "requests": requests[:200],
                "status": status,
                "statuses": CallBackStatus.choices,
            },
        )


class CallBackActionView(MeasurementView):
    capability = HANDLE
    action = "done"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        call_back = get_object_or_404(
            CallBackRequest.objects.for_user(request.user, organization=request.organization),
            pk=pk,
        )
        if self.action == "erase":
            call_back_erase(actor=request.user, request=call_back)
            messages.success(request, _("The contact is erased."))
        else:
            call_back_done(actor=request.user, request=call_back)
            messages.success(request, _("Marked as called back."))
        return redirect(reverse("measurement:call_backs") + f"?status={call_back.status}")


def _number(value: float | None, digits: int = 2) -> float | str:
    return "" if value is None else round(value, digits)


def study_columns(results: Results) -> list[exports.Column]:
    """The table of a study's results, as shown and as exported."""
    if results.kind == InstrumentKind.KANO:
        counts: list[exports.Column] = [
            (c, c, lambda r, c=c: r.counts[c]) for c in ("A", "O", "M", "I", "R", "Q")
        ]
        return [
            ("number", "#", lambda r: r.number),
            ("attribute", _("Attribute"), lambda r: r.label),
            *counts,
            ("respondents", _("Respondents"), lambda r: r.respondents),
            ("category", _("Category"), lambda r: r.category_label),
            ("better", _("Better"), lambda r: _number(r.better)),
            ("worse", _("Worse"), lambda r: _number(r.worse)),
        ]
    return [
        ("number", "#", lambda r: r.number),
        ("dimension", _("Dimension"), lambda r: r.dimension_label),
        ("item", _("Item"), lambda r: r.label),
        ("expectation", _("Expectation"), lambda r: _number(r.expectation)),
        ("perception", _("Perception"), lambda r: _number(r.perception)),
        ("gap", _("Gap"), lambda r: _number(r.gap)),
        ("respondents", _("Respondents"), lambda r: r.respondents),
    ]


class InstrumentResultsView(MeasurementView):
    """A study's results: Kano categories and Berger's better / worse, or SERVQUAL
    gaps per item and dimension; a chart, a table, CSV and Excel."""

    capability = VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = get_object_or_404(
            Instrument.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        if instrument.kind == InstrumentKind.STANDARD:
            return redirect("measurement:instrument_detail", pk=instrument.pk)
        results = results_for(instrument, request.user)
        rows = results.kano if results.kind == InstrumentKind.KANO else results.servqual
        columns = study_columns(results)
        export = request.GET.get("export")
        if export:
            if not can(request.user, request.organization, "core.export"):
                raise PermissionDenied(_("You do not have permission to export."))
            name = f"{request.organization.slug}-study-{instrument.pk}"
            if export == "csv":
                return exports.csv_response(name, columns, rows)
            if export == "xlsx":
                return exports.xlsx_response(name, _("Results"), columns, rows)
            return render(request, "400.html", {"message": _("Unknown export.")}, status=400)
        language = (get_language() or "en").lower()
        return render(
            request,
            "measurement/instrument_results.html",
            {
                "instrument": instrument,
                "results": results,
                "rows": [[getter(row) for _key, _label, getter in columns] for row in rows],
                "headers": [label for _key, label, _getter in columns],
                "dimensions": [(Dimension(d).label, gap) for d, gap in results.dimensions.items()],
                "chart": results.chart(),
                "chart_locale": "ZH" if language.startswith("zh") else "EN",
                "may_export": can(request.user, request.organization, "core.export"),
            },
        )


class SitePostersView(MeasurementView):
    """The posters of a site as a PDF: a page per collection point with its QR code
    and its name in both languages (table tents: fold a printed page)."""

    capability = VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        site = get_object_or_404(
            Site.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        language = request.GET.get("language") or (
            "zh-hans" if (get_language() or "").startswith("zh") else "en"
        )
        if language not in LANGUAGES:
            return render(request, "400.html", {"message": _("Unknown language.")}, status=400)
        scope = CollectionPoint.objects.for_user(request.user, organization=request.organization)
        points = points_of(site, scope)
        built = poster_file(site, points, lambda p: _page_url(request, p), language=language)
        return built.response()


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
