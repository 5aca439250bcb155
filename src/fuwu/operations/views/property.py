"""Pages of the custody register beyond the register itself: handing back, reporting
a loss or damage, telling the customer, erasing the owner's identity, the overdue
list and the printable claim tag."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fuwu.core.permissions import can, in_site_scope

from ..claim_tag import LANGUAGES, tag_file
from ..forms_property import InformForm, ReportForm, ReturnForm
from ..models import PropertyItem, PropertyStatus
from ..registrations import property_register
from ..services import property as services
from .common import OperationsView, RecordWriteView


def detail_context(request: HttpRequest, obj: PropertyItem) -> dict[str, Any]:
    user, organization = request.user, request.organization
    acting = can(user, organization, "operations.keep_property") and in_site_scope(
        user, organization, obj.site_id
    )
    return {
        "record": obj,
        "return_form": (
            ReturnForm()
            if acting and obj.status in (PropertyStatus.IN_CUSTODY, PropertyStatus.DAMAGED)
            else None
        ),
        "report_form": ReportForm() if acting and obj.in_custody else None,
        "inform_form": (
            InformForm() if acting and obj.incident_at and not obj.customer_informed_at else None
        ),
        "may_see_identity": can(user, organization, "operations.keep_property"),
        "may_erase": obj.has_identity
        and in_site_scope(user, organization, obj.site_id)
        and can(user, organization, "operations.erase_customer_data"),
    }


class PropertyReturnView(RecordWriteView):
    register = property_register
    form_class = ReturnForm
    form_key = "return_form"
    done_message = gettext_lazy("Handed back.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.property_return(actor=request.user, item=obj, returned_to=data["returned_to"])


class PropertyReportView(RecordWriteView):
    register = property_register
    form_class = ReportForm
    form_key = "report_form"
    done_message = gettext_lazy("Reported; a nonconformity is raised.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        texts = {k: v for k, v in data.items() if k != "incident"}
        from ..forms import in_language

        services.property_report(
            actor=request.user, item=obj, **texts, **in_language("incident", data["incident"])
        )


class PropertyInformView(RecordWriteView):
    register = property_register
    form_class = InformForm
    form_key = "inform_form"
    done_message = gettext_lazy("Recorded that the customer was told.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.property_inform(actor=request.user, item=obj, **data)


class PropertyEraseView(RecordWriteView):
    register = property_register
    done_message = gettext_lazy("The owner's identity is erased.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.property_erase_identity(actor=request.user, item=obj)


class PropertyOverdueView(OperationsView):
    """Items still in custody past their expected return, the longest overdue first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = (
            PropertyItem.objects.for_user(request.user, organization=request.organization)
            .filter(status=PropertyStatus.IN_CUSTODY, expected_return_on__lt=timezone.localdate())
            .select_related("site")
            .order_by("expected_return_on", "pk")[:200]
        )
        return render(
            request,
            "operations/property_overdue.html",
            {"rows": list(rows), "register": property_register},
        )


class PropertyTagView(OperationsView):
    """The claim tag as a PDF, in the reader's language first (or `?language=`)."""

    register = property_register  # its rows, as the register's pages (the route walk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = property_register.get_object(request, pk)
        language = request.GET.get("language") or (
            "zh-hans" if (get_language() or "").startswith("zh") else "en"
        )
        if language not in LANGUAGES:
            return render(request, "400.html", {"message": _("Unknown language.")}, status=400)
        built = tag_file(
            item, lambda i: request.build_absolute_uri(i.get_absolute_url()), language=language
        )
        return built.response()
