"""The conformity dashboard, its daily snapshot button and the report downloads."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import reports, selectors, services
from ..conformity import STATUS_LABELS, Status
from ..forms import DashboardFilterForm
from ..reports.data import PROCESS_CLAUSES, process_labels, reasons
from ..selectors import PROCESSES
from .catalog import tally
from .common import may, member_view


@dataclass
class ProcessCard:
    slug: str
    ref: str
    label: str
    score: int | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _trend(request: HttpRequest) -> dict:
    snapshots = list(selectors.history(request.organization))[::-1]
    return {
        "dates": [s.taken_on.isoformat() for s in snapshots],
        "score": [s.summary.get("score") for s in snapshots],
        "series": [
            {
                "key": status.value,
                "name": str(STATUS_LABELS[status]),
                "data": [s.summary.get("overall", {}).get(status.value, 0) for s in snapshots],
            }
            for status in Status
        ],
        "labels": {"score": _("Score (%)"), "clauses": _("Clauses")},
    }


def _language() -> str:
    return "zh-hans" if (get_language() or "en").startswith("zh") else "en"


@require_GET
@member_view
def dashboard(request: HttpRequest) -> HttpResponse:
    org = request.organization
    report = selectors.conformity_report(org)
    labels = process_labels(report.by_ref)
    form = DashboardFilterForm(request.GET or None, process_labels=labels)
    wanted_status = wanted_process = ""
    if form.is_valid():
        wanted_status = form.cleaned_data["status"]
        wanted_process = form.cleaned_data["process"]
    items = report.clauses(wanted_process or None)
    if wanted_status:
        items = [i for i in items if i.status.value == wanted_status]
    cards = [
        ProcessCard(p, PROCESS_CLAUSES[p], labels[p], report.score(p), report.counts(p))
        for p in PROCESSES
    ]
    trend = _trend(request)
    ctx = {
        "form": form,
        "score": report.score(),
        "tally": tally(report),
        "cards": [c for c in cards if c.total],
        "rows": [(i, labels.get(i.clause.process, ""), reasons(i)) for i in items],
        "filtered": bool(wanted_status or wanted_process),
        "trend": trend,
        "has_trend": bool(trend["dates"]),
        "may_snapshot": may(request, "standard.manage_scope"),
        "may_export": may(request, "core.export"),
        "language": _language(),
        "chart_locale": "ZH" if _language() == "zh-hans" else "EN",
    }
    template = "standard/dashboard.html"
    if request.htmx and not request.htmx.boosted:
        template += "#clause-table"
    return render(request, template, ctx)


@require_POST
@member_view
def snapshot(request: HttpRequest) -> HttpResponse:
    if not may(request, "standard.manage_scope"):
        raise PermissionDenied(_("You do not have permission to take a snapshot."))
    services.snapshot_take(organization=request.organization)
    messages.success(request, _("Today's conformity was recorded."))
    return redirect("standard:dashboard")


@require_GET
@member_view
def report(request: HttpRequest) -> HttpResponse:
    if not may(request, "core.export"):
        raise PermissionDenied(_("You do not have permission to export."))
    fmt = request.GET.get("format", "pdf")
    language = request.GET.get("lang") or _language()
    if fmt not in reports.FORMATS or language not in reports.LANGUAGES:
        message = _("Choose a format (pdf, docx or xlsx) and a language (en or zh-hans).")
        return render(request, "400.html", {"message": message}, status=400)
    built = reports.conformity_report(organization=request.organization, fmt=fmt, language=language)
    return built.response()
