"""Pages of improvement beyond the registers: the Pareto analyses and the deadlines."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from fuwu.core import exports
from fuwu.core.errors import status_for
from fuwu.core.forms import StyledForm
from fuwu.core.models import Site
from fuwu.core.permissions import can

from ..forms import DATE, SettingsForm
from ..models import DEFAULTS, Nonconformity
from ..pareto import BY_KEY, DIMENSIONS, in_period, pareto
from ..services.settings import settings_for, settings_update


class ImprovementView(View):
    capability = "improvement.view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.organization is None:
            return render(request, "core/no_organization.html", status=403)
        if not can(request.user, request.organization, self.capability):
            raise PermissionDenied(_("You do not have permission to see this page."))
        return super().dispatch(request, *args, **kwargs)


class PeriodForm(StyledForm):
    start = forms.DateField(label=gettext_lazy("From"), widget=DATE, required=False)
    end = forms.DateField(label=gettext_lazy("Until"), widget=DATE, required=False)
    site = forms.ModelChoiceField(
        label=gettext_lazy("Site"), queryset=Site.objects.none(), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or data["end"] - timedelta(days=365)
        if data["start"] > data["end"]:
            raise ValidationError(_("The period must start before it ends."))
        return data


class ParetoView(ImprovementView):
    """Nonconformities by cause category, contact point, characteristic and site over a
    period: a chart and a table each, exported as CSV or Excel."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.GET or None)
        form.fields["site"].queryset = Site.objects.for_user(
            request.user, organization=request.organization
        )
        if request.GET and not form.is_valid():
            return render(request, "improvement/pareto.html", {"form": form}, status=400)
        period = form.cleaned_data if form.is_bound else _default_period()
        qs = in_period(
            Nonconformity.objects.for_user(request.user, organization=request.organization),
            period["start"],
            period["end"],
        )
        if period.get("site"):
            qs = qs.filter(site=period["site"])
        export = request.GET.get("export")
        if export:
            return self.export(request, qs, export, period)
        charts = [pareto(qs, dimension, request.organization) for dimension in DIMENSIONS]
        language = (get_language() or "en").lower()
        return render(
            request,
            "improvement/pareto.html",
            {
                "form": form,
                "period": period,
                "charts": [(c, c.chart(), f"pareto-{c.dimension.key}") for c in charts],
                "total": charts[0].total,
                "chart_locale": "ZH" if language.startswith("zh") else "EN",
                "may_export": can(request.user, request.organization, "core.export"),
                "query": request.GET.urlencode(),
            },
        )

    def export(self, request: HttpRequest, qs: Any, fmt: str, period: dict) -> HttpResponse:
        if not can(request.user, request.organization, "core.export"):
            raise PermissionDenied(_("You do not have permission to export."))
        dimension = BY_KEY.get(request.GET.get("by", ""))
        if dimension is None or fmt not in ("csv", "xlsx"):
            return render(request, "400.html", {"message": _("Unknown export.")}, status=400)
        chart = pareto(qs, dimension, request.organization)
        columns: list[exports.Column] = [
            ("label", dimension.title, lambda bar: bar.label),
            ("count", _("Nonconformities"), lambda bar: bar.count),
            ("share", _("Share %"), lambda bar: round(bar.share, 1)),
            ("cumulative", _("Cumulative %"), lambda bar: round(bar.cumulative, 1)),
        ]
        name = (
            f"{request.organization.slug}-pareto-{dimension.key}-"
            f"{period['start'].isoformat()}-{period['end'].isoformat()}"
        )
        if fmt == "csv":
            return exports.csv_response(name, columns, chart.bars)
        return exports.xlsx_response(name, str(dimension.title), columns, chart.bars)


def _default_period() -> dict[str, Any]:
    end = timezone.localdate()
    return {"start": end - timedelta(days=365), "end": end, "site": None}


class SettingsView(ImprovementView):
    """The organization's deadlines, set by the quality manager."""

    capability = "improvement.manage_settings"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = settings_for(request.organization)
        form = SettingsForm(initial={name: getattr(current, name) for name in DEFAULTS})
        return self.respond(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                settings_update(
                    actor=request.user, organization=request.organization, data=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
                return self.respond(request, form, status=status_for(exc))
            messages.success(request, _("Saved."))
            return redirect("improvement:settings")
        return self.respond(request, form, status=400)

    def respond(self, request: HttpRequest, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            request,
            "improvement/settings.html",
            {"form": form, "defaults": DEFAULTS},
            status=status,
        )
