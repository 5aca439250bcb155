"""The audit report download: `?format=pdf|docx|xlsx`, `&lang=en|zh-hans` (the
reader's language by default)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import selectors
from ..models import Audit
from ..report import FORMATS, LANGUAGES, audit_report_file
from .common import MeasurementView


class AuditReportView(MeasurementView):
    capability = "measurement.view_audits"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        audit = get_object_or_404(
            Audit.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        fmt = request.GET.get("format", "pdf")
        language = request.GET.get("lang") or (
            "zh-hans" if (get_language() or "").startswith("zh") else "en"
        )
        if fmt not in FORMATS or language not in LANGUAGES:
            return render(
                request, "400.html", {"message": _("Unknown format or language.")}, status=400
            )
        raised = selectors.nonconformities_seen(
            request.user,
            request.organization,
            [f.nonconformity_id for f in audit.findings.all()],
        )
        numbers = {pk: nc.number for pk, nc in raised.items()}
        return audit_report_file(audit, fmt=fmt, language=language, numbers=numbers).response()
