"""The customer satisfaction dashboards (4.5.1 b, 4.5.3): figures from
`fuwu.measurement.satisfaction`, charts drawn by ECharts with a table and an export
each, and one click from a signal to a nonconformity or a preventive action."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .common import MeasurementView

VIEW = "measurement.view_satisfaction"


class SatisfactionView(MeasurementView):
    capability = VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "measurement/satisfaction.html", {})
