"""The audit report (placeholder until the report is drawn from blocks)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from .common import MeasurementView


class AuditReportView(MeasurementView):
    capability = "measurement.view_audits"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        raise Http404
