"""Inspection pages: start a round, perform it item by item on a phone, complete
it; the schedule; the organization's settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for
from fuwu.core.permissions import in_site_scope
from fuwu.core.registers import apply_validation_error

from .. import criteria, selectors, services
from ..forms import ResultForm, RoundStartForm, SettingsForm
from ..models import InspectionResult, InspectionRound
from .common import MeasurementView


def may_perform(request: HttpRequest, round: InspectionRound) -> bool:
    from fuwu.core.permissions import can

    return (
        round.is_open
        and can(request.user, request.organization, "measurement.perform_inspections")
        and in_site_scope(request.user, request.organization, round.site_id)
    )


def round_context(
    request: HttpRequest, round: InspectionRound, bound: dict[int, ResultForm] | None = None
) -> dict[str, Any]:
    results = selectors.results_of(round)
    raised = selectors.nonconformities_seen(
        request.user, request.organization, [r.nonconformity_id for r in results]
    )
    rows = []
    for result in results:
        bound_form = (bound or {}).get(result.pk)
        numeric = criteria.parse(result.criterion_en) or criteria.parse(result.criterion_zh)
        rows.append(
            {
                "result": result,
                "numeric": numeric,
                "nonconformity": raised.get(result.nonconformity_id),
                "form": bound_form
                or ResultForm(
                    prefix=f"r{result.pk}",
                    initial={
                        "outcome": result.outcome if result.outcome != "pending" else "",
                        "measured_value": result.measured_value,
                        "note": result.note,
                    },
                ),
            }
        )
    return {
        "rows": rows,
        "may_perform": may_perform(request, round),
        "pending": sum(1 for r in results if r.outcome == "pending"),
        "failed": [r for r in results if r.outcome == "fail"],
    }


class RoundStartView(MeasurementView):
    capability = "measurement.perform_inspections"

    def form(self, request: HttpRequest, data: Any = None) -> RoundStartForm:
        return RoundStartForm(
            data, organization=request.organization, user=request.user, initial=request.GET.dict()
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "measurement/round_start.html", {"form": self.form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request, request.POST)
        status = 400
        if form.is_valid():
            try:
                round = services.round_create(
                    actor=request.user,
                    organization=request.organization,
                    site=form.cleaned_data["site"],
                    contact_point=form.cleaned_data["contact_point"],
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = status_for(exc)
            else:
                return redirect("measurement:round_detail", pk=round.pk)
        return render(request, "measurement/round_start.html", {"form": form}, status=status)


def _round_of(request: HttpRequest, pk: int) -> InspectionRound:
    return get_object_or_404(
        InspectionRound.objects.for_user(request.user, organization=request.organization), pk=pk
    )


def _render_round(
    request: HttpRequest,
    round: InspectionRound,
    *,
    bound: dict[int, ResultForm] | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    from ..registrations import rounds

    ctx = {
        "register": rounds,
        "object": round,
        "urls": rounds.list_urls() | rounds.object_urls(round),
        "fields": [(c, c.value(round)) for c in rounds.columns],
        "errors": errors or [],
        "history": rounds.history(request, round)[:5],
        **round_context(request, round, bound),
    }
    return render(request, rounds.detail_template, ctx, status=status)


class ResultRecordView(MeasurementView):
    capability = "measurement.perform_inspections"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        result = get_object_or_404(
            InspectionResult.objects.for_user(
                request.user, organization=request.organization
            ).select_related("round"),
            pk=pk,
        )
        round = result.round
        form = ResultForm(request.POST, request.FILES, prefix=f"r{result.pk}")
        if not form.is_valid():
            return _render_round(request, round, bound={result.pk: form}, status=400)
        try:
            services.result_record(
                actor=request.user,
                result=result,
                outcome=form.cleaned_data["outcome"],
                measured_value=form.cleaned_data["measured_value"],
                note=form.cleaned_data["note"],
                photo=form.cleaned_data["photo"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return _render_round(request, round, bound={result.pk: form}, status=status_for(exc))
        return redirect(reverse("measurement:round_detail", args=[round.pk]) + f"#item-{result.pk}")


class RoundCompleteView(MeasurementView):
    capability = "measurement.perform_inspections"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round = _round_of(request, pk)
        try:
            services.round_complete(
                actor=request.user, round=round, note=request.POST.get("note", "")
            )
        except ValidationError as exc:
            return _render_round(request, round, errors=exc.messages, status=status_for(exc))
        messages.success(request, _("The inspection round is completed."))
        return redirect("measurement:round_detail", pk=round.pk)


class ScheduleView(MeasurementView):
    def get(self, request: HttpRequest) -> HttpResponse:
        from fuwu.core.permissions import unscoped

        sites = None
        if not unscoped(request.user, request.organization):
            from fuwu.core.models import Site

            sites = list(
                Site.objects.for_user(request.user, organization=request.organization).values_list(
                    "pk", flat=True
                )
            )
        lines = selectors.schedule(request.organization, sites=sites)
        return render(
            request,
            "measurement/schedule.html",
            {
                "lines": lines,
                "today": timezone.localdate(),
                "may_perform": self.may(request, "measurement.perform_inspections"),
            },
        )


class SettingsView(MeasurementView):
    capability = "measurement.manage_settings"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = selectors.settings_of(request.organization)
        form = SettingsForm(
            initial={name: getattr(current, name) for name in services.SETTINGS_FIELDS}
        )
        return render(request, "measurement/settings.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SettingsForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.settings_update(
                    actor=request.user, organization=request.organization, data=form.cleaned_data
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = status_for(exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("measurement:settings")
        return render(request, "measurement/settings.html", {"form": form}, status=status)
