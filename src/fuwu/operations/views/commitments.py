"""Pages of service commitments beyond the register (4.4.5): the capability review,
putting in force and withdrawing, recording fulfilment, and promised vs delivered
over time (a chart, its table and the export)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fuwu.core import exports
from fuwu.core.permissions import can, in_site_scope

from .. import fulfilment
from ..forms_commitments import CommitmentReviewForm, FulfilmentForm
from ..models import Commitment, CommitmentStatus, FulfilmentRecord
from ..registrations import commitments
from ..services import commitments as services
from .common import OperationsView, RecordWriteView


def _may(request: HttpRequest, obj: Commitment, capability: str) -> bool:
    user, organization = request.user, request.organization
    return can(user, organization, capability) and in_site_scope(user, organization, obj.site_id)


def detail_context(request: HttpRequest, obj: Commitment) -> dict[str, Any]:
    open_ = obj.status != CommitmentStatus.WITHDRAWN
    may_manage = open_ and _may(request, obj, services.MANAGE)
    may_record = obj.in_force and _may(request, obj, services.RECORD)
    source = fulfilment.get_source(obj.fulfilment_source)
    return {
        "record": obj,
        "reviews": list(obj.reviews.select_related("reviewer").order_by("-reviewed_at", "-pk")),
        "review_form": (
            CommitmentReviewForm() if open_ and _may(request, obj, services.REVIEW) else None
        ),
        "may_activate": may_manage and not obj.in_force,
        "activation_refusal": services.activation_refusal(obj),
        "may_withdraw": may_manage,
        "fulfilment_form": (
            FulfilmentForm(user=request.user, organization=request.organization)
            if may_record
            else None
        ),
        "automatic": source is not None and source.automatic,
        "source_label": fulfilment.source_label(obj.fulfilment_source),
        "periods": list(
            obj.fulfilment.select_related("nonconformity").order_by("-period_start", "-pk")[:12]
        ),
    }


class CommitmentReviewView(RecordWriteView):
    register = commitments
    form_class = CommitmentReviewForm
    form_key = "review_form"
    done_message = gettext_lazy("Capability review recorded.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.commitment_review(actor=request.user, commitment=obj, **data)


class CommitmentActivateView(RecordWriteView):
    register = commitments
    done_message = gettext_lazy("The commitment is in force.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.commitment_activate(actor=request.user, commitment=obj)


class CommitmentWithdrawView(RecordWriteView):
    register = commitments
    done_message = gettext_lazy("The commitment is withdrawn.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.commitment_withdraw(actor=request.user, commitment=obj)


class FulfilmentRecordView(RecordWriteView):
    register = commitments
    form_key = "fulfilment_form"
    done_message = gettext_lazy("Fulfilment recorded.")

    def make_form(self, request: HttpRequest, obj: Any) -> FulfilmentForm:
        return FulfilmentForm(request.POST, user=request.user, organization=request.organization)

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.fulfilment_record(actor=request.user, commitment=obj, **data)


def fulfilment_rows(commitment: Commitment) -> list[FulfilmentRecord]:
    return list(commitment.fulfilment.select_related("nonconformity").order_by("period_start"))


def export_columns(commitment: Commitment) -> list[exports.Column]:
    return [
        ("period_start", _("From"), lambda r: r.period_start),
        ("period_end", _("Until"), lambda r: r.period_end),
        ("target", _("Promised"), lambda r: r.target),
        ("delivered", _("Delivered"), lambda r: r.delivered),
        ("unit", _("Unit"), lambda r: commitment.unit),
        ("sample_size", _("Sample size"), lambda r: r.sample_size),
        ("kept", _("Promise kept"), lambda r: r.kept),
        ("source", _("Measured from"), lambda r: fulfilment.source_label(r.source)),
        (
            "nonconformity",
            _("Nonconformity"),
            lambda r: r.nonconformity.number if r.nonconformity else "",
        ),
    ]


class FulfilmentView(OperationsView):
    """Promised vs delivered, period by period: a chart, its table, CSV and Excel."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        commitment = get_object_or_404(
            Commitment.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        rows = fulfilment_rows(commitment)
        export = request.GET.get("export")
        if export:
            if not can(request.user, request.organization, "core.export"):
                raise PermissionDenied(_("You do not have permission to export."))
            if export not in ("csv", "xlsx"):
                return render(request, "400.html", {"message": _("Unknown export.")}, status=400)
            name = f"{request.organization.slug}-{commitment.number}-fulfilment"
            columns = export_columns(commitment)
            if export == "csv":
                return exports.csv_response(name, columns, rows)
            return exports.xlsx_response(name, str(_("Fulfilment")), columns, rows)
        chart = {
            "labels": [f"{r.period_start:%Y-%m-%d}" for r in rows],
            "promised": [float(r.target) for r in rows],
            "delivered": [float(r.delivered) for r in rows],
            "kept": [r.kept for r in rows],
            "names": {"promised": str(_("Promised")), "delivered": str(_("Delivered"))},
            "unit": commitment.unit,
        }
        language = (get_language() or "en").lower()
        return render(
            request,
            "operations/commitment_fulfilment.html",
            {
                "commitment": commitment,
                "register": commitments,
                "rows": rows,
                "chart": chart,
                "chart_locale": "ZH" if language.startswith("zh") else "EN",
                "may_export": can(request.user, request.organization, "core.export"),
                "kept": sum(1 for r in rows if r.kept),
            },
        )
