"""The customer satisfaction dashboards (4.5.1 b, 4.5.3): figures from
`fuwu.measurement.satisfaction` (through `..dashboard`), charts drawn by ECharts
with a table and an export each, and one click from a signal (or a figure below
target) to a nonconformity or a preventive action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fuwu.core import exports
from fuwu.core.errors import status_for
from fuwu.core.forms import StyledForm
from fuwu.core.models import Site
from fuwu.design.models import Characteristic, ContactPoint

from ..models import Channel, CollectionPoint
from .common import MeasurementView

VIEW = "measurement.view_satisfaction"
DATE = forms.DateInput(attrs={"type": "date"})


class DashboardForm(StyledForm):
    start = forms.DateField(label=gettext_lazy("From"), widget=DATE, required=False)
    end = forms.DateField(label=gettext_lazy("Until"), widget=DATE, required=False)
    site = forms.ModelChoiceField(
        label=gettext_lazy("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=gettext_lazy("All sites"),
    )
    contact_point = forms.ModelChoiceField(
        label=gettext_lazy("Contact point"),
        queryset=ContactPoint.objects.none(),
        required=False,
        empty_label=gettext_lazy("All contact points"),
    )
    characteristic = forms.ModelChoiceField(
        label=gettext_lazy("Characteristic"),
        queryset=Characteristic.objects.none(),
        required=False,
        empty_label=gettext_lazy("All characteristics"),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[("", gettext_lazy("All channels")), *Channel.choices],
        required=False,
    )
    rating = forms.ChoiceField(
        label=gettext_lazy("Comments: rating"),
        choices=[
            ("", gettext_lazy("Any rating")),
            ("low", gettext_lazy("Low ratings")),
            ("other", gettext_lazy("Other ratings")),
        ],
        required=False,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Comments: language"),
        choices=[("", gettext_lazy("Any language")), ("en", "English"), ("zh-hans", "中文")],
        required=False,
    )

    def __init__(self, *args: Any, user: Any = None, organization: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.for_user(
            user, organization=organization
        ).order_by("code")
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(
            user, organization=organization
        ).order_by("order", "code")
        self.fields["characteristic"].queryset = Characteristic.objects.filter(
            organization=organization
        )

    def clean(self) -> dict[str, Any]:
        from ..dashboard import default_period

        data = super().clean()
        start, end = default_period(timezone.localdate())
        data["end"] = data.get("end") or end
        data["start"] = data.get("start") or data["end"] - (end - start)
        if data["start"] > data["end"]:
            raise ValidationError(_("The period must start before it ends."))
        if (data["end"] - data["start"]).days > 3 * 366:
            raise ValidationError(_("Choose a period of at most three years."))
        return data


def _selection(data: dict[str, Any]) -> Any:
    from ..dashboard import Selection

    return Selection(
        start=data["start"],
        end=data["end"],
        site=data.get("site"),
        contact_point=data.get("contact_point"),
        characteristic=data.get("characteristic"),
        channel=data.get("channel") or "",
        rating=data.get("rating") or "",
        language=data.get("language") or "",
    )


class SatisfactionView(MeasurementView):
    """Per organization, site, contact point or characteristic over a period (the last
    90 days by default)."""

    capability = VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        from ..dashboard import Dashboard
        from ..selectors import settings_of

        user, organization = request.user, request.organization
        form = DashboardForm(request.GET or None, user=user, organization=organization)
        if form.is_bound and not form.is_valid():
            return render(request, "measurement/satisfaction.html", {"form": form}, status=400)
        data = form.cleaned_data if form.is_bound else _defaults()
        has_points = (
            CollectionPoint.objects.for_user(user, organization=organization)
            .filter(is_active=True)
            .exists()
        )
        dashboard = Dashboard(
            organization=organization,
            user=user,
            selection=_selection(data),
            target=settings_of(organization).satisfaction_target,
        )
        export = request.GET.get("export")
        if export:
            return self.export(request, dashboard, export)
        context: dict[str, Any] = {
            "form": form,
            "selection": dashboard.selection,
            "has_points": has_points,
            "may_manage_points": self.may(request, "measurement.manage_instruments"),
        }
        if has_points:
            context |= self.dashboard_context(request, dashboard)
        return render(request, "measurement/satisfaction.html", context)

    def dashboard_context(self, request: HttpRequest, dashboard: Any) -> dict[str, Any]:
        total = dashboard.total
        language = (get_language() or "en").lower()
        individuals, p_chart = dashboard.individuals, dashboard.p_chart
        charts = [
            ("trend", dashboard.trend, "trend", dashboard.trend_chart()),
            ("sites", dashboard.by_site, "bars", dashboard.bars_chart(dashboard.by_site)),
            (
                "contact_points",
                dashboard.by_point,
                "bars",
                dashboard.bars_chart(dashboard.by_point),
            ),
            (
                "characteristics",
                dashboard.by_characteristic,
                "bars",
                dashboard.bars_chart(dashboard.by_characteristic),
            ),
            ("weakest", dashboard.weakest, "", None),
            ("ipa", dashboard.ipa, "ipa", dashboard.ipa_chart()),
            ("individuals", individuals, "control", dashboard.control_chart(individuals)),
            ("p_chart", p_chart, "control", dashboard.control_chart(p_chart)),
            ("journeys", dashboard.journeys, "", None),
            ("comments", dashboard.comments, "", None),
        ]
        below = (
            total.index is not None
            and dashboard.target is not None
            and total.index < dashboard.target
        )
        return {
            "total": total,
            "below_target": below,
            "target": dashboard.target,
            "blocks": [
                {"key": key, "table": table, "kind": kind, "data": data, "id": f"chart-{key}"}
                for key, table, kind, data in charts
            ],
            "signals": dashboard.signals(),
            "journey_summary": dashboard.journey_summary(),
            "importance_source": dashboard.importance_source,
            "chart_locale": "ZH" if language.startswith("zh") else "EN",
            "may_export": self.may(request, "core.export"),
            "may_raise": self.may(request, "improvement.raise_nonconformity"),
            "may_plan": self.may(request, "improvement.plan_actions"),
            "query": request.GET.urlencode(),
        }

    def export(self, request: HttpRequest, dashboard: Any, fmt: str) -> HttpResponse:
        if not self.may(request, "core.export"):
            raise PermissionDenied(_("You do not have permission to export."))
        table = dashboard.table(request.GET.get("table", ""))
        if table is None or fmt not in ("csv", "xlsx"):
            return render(request, "400.html", {"message": _("Unknown export.")}, status=400)
        s = dashboard.selection
        name = (
            f"{request.organization.slug}-satisfaction-{table.key}-"
            f"{s.start.isoformat()}-{s.end.isoformat()}"
        )
        columns = table.export_columns()
        if fmt == "csv":
            return exports.csv_response(name, columns, table.rows)
        return exports.xlsx_response(name, str(table.title), columns, table.rows)


def _defaults() -> dict[str, Any]:
    from ..dashboard import default_period

    start, end = default_period(timezone.localdate())
    return {"start": start, "end": end}


class FollowUpForm(StyledForm):
    """What a one-click follow-up carries: which kind, from which figure, where."""

    kind = forms.ChoiceField(choices=[("nonconformity", ""), ("preventive", "")])
    reason = forms.ChoiceField(choices=[("signal", ""), ("below_target", "")])
    chart = forms.CharField(max_length=30, required=False)
    day = forms.DateField(required=False)
    value = forms.FloatField(required=False)
    rules = forms.CharField(max_length=30, required=False)
    start = forms.DateField()
    end = forms.DateField()
    site = forms.ModelChoiceField(queryset=Site.objects.none(), required=False)
    contact_point = forms.ModelChoiceField(queryset=ContactPoint.objects.none(), required=False)
    characteristic = forms.ModelChoiceField(queryset=Characteristic.objects.none(), required=False)

    def __init__(self, *args: Any, user: Any = None, organization: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.for_user(user, organization=organization)
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(
            user, organization=organization
        )
        self.fields["characteristic"].queryset = Characteristic.objects.filter(
            organization=organization
        )


class FollowUpView(MeasurementView):
    """POST only: open the nonconformity or preventive action a signal (or a figure
    below target) calls for, prefilled, audited; then go to it."""

    capability = VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(status=405, headers={"Allow": "POST"})

    def post(self, request: HttpRequest) -> HttpResponse:
        from ..services.raising import follow_up_from_dashboard

        form = FollowUpForm(request.POST, user=request.user, organization=request.organization)
        back = reverse("measurement:satisfaction")
        if not form.is_valid():
            messages.error(
                request, _("The follow-up could not be opened: the form was incomplete.")
            )
            return redirect(back)
        data = form.cleaned_data
        try:
            record = follow_up_from_dashboard(
                actor=request.user, organization=request.organization, **data
            )
        except (ValidationError, PermissionDenied) as error:
            texts = getattr(error, "messages", None) or [str(error)]
            messages.error(request, " ".join(str(t) for t in texts))
            status = status_for(error) if isinstance(error, ValidationError) else 403
            if status >= 500:
                raise
            return redirect(back)
        messages.success(request, _("%(number)s opened.") % {"number": record.number})
        name = "nonconformity_detail" if data["kind"] == "nonconformity" else "action_detail"
        return redirect(reverse(f"improvement:{name}", args=[record.pk]))
