"""The register of requests and complaints: a declaration; core's generic views list,
filter, export, show and keep the history. Logging has its own phone-first page and
the record page adds the steps, transfers and closure (views/requests.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.registers import Column, ComputedColumn, Register

from .filtersets import CustomerRequestFilterSet
from .models import CustomerRequest


def _overdue(record: CustomerRequest) -> str:
    now = timezone.now()
    if record.is_closed:
        return ""
    if record.first_response_at is None and record.response_due_at < now:
        return str(_("Response overdue"))
    if record.resolution_due_at < now:
        return str(_("Resolution overdue"))
    return ""


class CustomerRequestRegister(Register):
    model = CustomerRequest
    slug = "request"
    namespace = "operations"
    url_prefix = "requests/"
    title = _("Requests and complaints")
    item_title = _("Customer request")
    filterset = CustomerRequestFilterSet
    form = None  # logged on its own page (views/requests.py)
    default_sort = "-received_at"
    view_capability = "operations.view"
    manage_capability = "operations.log_requests"
    can_delete = False  # what a customer asked stays on record (4.2.2)
    select_related = ("site", "contact_point", "first_owner", "handler")
    detail_template = "operations/request_detail.html"
    empty_text = _(
        "No request logged. Whoever a customer asks logs it here, and owns it until it is closed."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("received_at", _("Received"), sort="received_at"),
        Column("get_kind_display", _("Type"), sort="kind"),
        Column("site", _("Site"), sort="site__code"),
        Column("summary", _("What the customer asked")),
        Column("get_priority_display", _("Priority"), sort="priority"),
        Column("get_status_display", _("Status"), sort="status"),
        Column("first_owner.display_name", _("First owner"), sort="first_owner__username"),
        Column("handler.display_name", _("Handled by"), listed=False),
        ComputedColumn("overdue", _("Overdue"), compute=_overdue),
        Column("get_channel_display", _("Channel"), listed=False),
        Column("contact_point", _("Contact point"), listed=False),
        Column("response_due_at", _("Response due"), listed=False),
        Column("first_response_at", _("First response"), listed=False),
        Column("resolution_due_at", _("Resolution due"), listed=False),
        Column("escalated_at", _("Escalated"), listed=False),
        Column("closed_at", _("Closed"), listed=False),
        Column("get_confirmation_display", _("Customer's confirmation"), listed=False),
    ]
    detail_fields = columns

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        links = [(reverse("operations:request_overdue"), str(_("Overdue")), "ti-clock-exclamation")]
        if self.may_manage(request):
            links.insert(0, (reverse("operations:request_log"), str(_("Log a request")), "ti-plus"))
        return links

    def detail_context(self, request: HttpRequest, obj: CustomerRequest) -> dict[str, Any]:
        from .views.requests import detail_context

        return detail_context(request, obj)


requests = CustomerRequestRegister()


# -- customer requirements and their review (4.4.2), service commitments (4.4.5) -------------


from .filtersets_commitments import (  # noqa: E402
    CommitmentFilterSet,
    CustomerRequirementFilterSet,
)
from .forms_commitments import CommitmentForm, RequirementForm  # noqa: E402
from .models import Commitment, CustomerRequirement  # noqa: E402


def _points(record: Any) -> str:
    return ", ".join(p.label for p in record.contact_points.all())


def _characteristics(record: Any) -> str:
    return ", ".join(str(c.name) for c in record.characteristics.all())


class CustomerRequirementRegister(Register):
    model = CustomerRequirement
    filterset = CustomerRequirementFilterSet
    form = RequirementForm
    slug = "requirement"
    namespace = "operations"
    url_prefix = "requirements/"
    title = _("Customer requirements")
    item_title = _("Customer requirement")
    default_sort = "-received_on"
    view_capability = "operations.view"
    manage_capability = "operations.record_requirements"
    can_delete = False  # what a customer required, and its review, stay on record (4.4.2)
    select_related = ("site", "recorded_by", "committed_by")
    prefetch_related = ("contact_points", "characteristics")
    detail_template = "operations/requirement_detail.html"
    empty_text = _(
        "No customer requirement recorded. Record what customers require — from a contract, "
        "their words, a law or a norm — and review it before committing to it."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("received_on", _("Received on"), sort="received_on"),
        Column("customer", _("Customer or segment")),
        Column("text", _("Requirement")),
        Column("get_source_display", _("Source"), sort="source"),
        Column("get_kind_display", _("Type"), sort="kind"),
        Column("site", _("Site"), sort="site__code"),
        Column("get_status_display", _("Status"), sort="status"),
        ComputedColumn("contact_points", _("Contact points"), compute=_points, listed=False),
        ComputedColumn(
            "characteristics", _("Service characteristics"), compute=_characteristics, listed=False
        ),
        Column("reference", _("Reference (contract, order, law)"), listed=False),
        Column("recorded_by.display_name", _("Recorded by"), listed=False),
        Column("committed_at", _("Committed"), listed=False),
        Column("committed_by.display_name", _("Committed by"), listed=False),
    ]
    detail_fields = columns

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"user": request.user}

    def initial(self, obj: Any) -> dict[str, Any]:
        from .services.requirements import EDITABLE

        data = {name: getattr(obj, name) for name in EDITABLE}
        data["contact_points"] = list(obj.contact_points.all())
        data["characteristics"] = list(obj.characteristics.all())
        return data

    def may_manage(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().may_manage(request, obj) and (
            obj is None or obj.status in ("recorded", "reviewed")
        )

    def detail_context(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        from .views.requirements import detail_context

        return detail_context(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Any:
        from .services.requirements import requirement_record

        return requirement_record(actor=request.user, organization=request.organization, **data)

    def update(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> Any:
        from .services.requirements import requirement_update

        return requirement_update(actor=request.user, requirement=obj, data=data)


def _commitment_source(record: Any) -> str:
    from .fulfilment import source_label

    return source_label(record.fulfilment_source)


def _commitment_target(record: Any) -> str:
    return f"{record.get_comparison_display()} {record.target} {record.unit}".strip()


class CommitmentRegister(Register):
    model = Commitment
    filterset = CommitmentFilterSet
    form = CommitmentForm
    slug = "commitment"
    namespace = "operations"
    url_prefix = "commitments/"
    title = _("Service commitments")
    item_title = _("Service commitment")
    default_sort = "-number"
    view_capability = "operations.view"
    manage_capability = "operations.manage_commitments"
    can_delete = False  # a promise made stays on record, withdrawn if need be (4.4.5)
    select_related = ("site", "owner", "contact_point", "characteristic", "requirement")
    detail_template = "operations/commitment_detail.html"
    empty_text = _(
        "No service commitment recorded. Record what you promise customers — in contracts, "
        "by word of mouth, on posters — with how keeping it is measured."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("promise", _("Promise")),
        Column("get_kind_display", _("Type"), sort="kind"),
        Column("site", _("Site"), sort="site__code"),
        ComputedColumn("target", _("Target"), compute=_commitment_target),
        Column("owner.display_name", _("Owner"), sort="owner__username"),
        Column("get_status_display", _("Status"), sort="status"),
        Column("criterion", _("Fulfilment criterion"), listed=False),
        Column("published_where", _("Where it is published"), listed=False),
        Column("contact_point.label", _("Contact point"), listed=False),
        Column("characteristic.name", _("Service characteristic"), listed=False),
        Column("requirement.label", _("Requirement it answers"), listed=False),
        ComputedColumn(
            "fulfilment_source",
            _("Fulfilment measured from"),
            compute=_commitment_source,
            listed=False,
        ),
        Column("activated_at", _("In force since"), listed=False),
    ]
    detail_fields = columns

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"user": request.user}

    def initial(self, obj: Any) -> dict[str, Any]:
        from .services.commitments import EDITABLE

        return {name: getattr(obj, name) for name in EDITABLE}

    def may_manage(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().may_manage(request, obj) and (obj is None or obj.status != "withdrawn")

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [
            (
                reverse("operations:requirement_list"),
                str(_("Customer requirements")),
                "ti-list-check",
            )
        ]

    def detail_context(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        from .views.commitments import detail_context

        return detail_context(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Any:
        from .services.commitments import commitment_create

        return commitment_create(actor=request.user, organization=request.organization, **data)

    def update(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> Any:
        from .services.commitments import commitment_update

        return commitment_update(actor=request.user, commitment=obj, data=data)


requirements = CustomerRequirementRegister()
commitments = CommitmentRegister()
