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
# -- customer communication (4.4.4) -------------------------------------------------------------

from fuwu.core.permissions import can  # noqa: E402

from .filtersets import CommunicationFilterSet, PropertyItemFilterSet  # noqa: E402
from .models import Communication, PropertyItem, PropertyStatus  # noqa: E402


def _response_time(record: Communication) -> str:
    minutes = record.response_minutes
    if minutes is None:
        return str(_("Not answered yet")) if record.purpose == "respond" else ""
    return str(_("%(minutes)s min") % {"minutes": minutes})


class CommunicationRegister(Register):
    model = Communication
    slug = "communication"
    namespace = "operations"
    url_prefix = "communications/"
    title = _("Customer communication")
    item_title = _("Customer communication")
    filterset = CommunicationFilterSet
    default_sort = "-occurred_at"
    view_capability = "operations.view"
    manage_capability = "operations.log_communications"
    can_delete = False  # what the customers were told stays on record (4.4.4)
    select_related = ("site", "contact_point", "logged_by")
    detail_template = "operations/communication_detail.html"
    empty_text = _(
        "No communication logged. Log what you told, taught, answered or asked customers."
    )
    columns = [
        Column("occurred_at", _("When"), sort="occurred_at", link=True),
        Column("get_purpose_display", _("Purpose"), sort="purpose"),
        Column("get_channel_display", _("Channel"), sort="channel"),
        Column("site", _("Site"), sort="site__code"),
        Column("contact_point", _("Contact point")),
        Column("summary", _("Summary")),
        ComputedColumn("response_time", _("Response time"), compute=_response_time),
        Column("answered_at", _("Answered"), listed=False),
        Column("logged_by.display_name", _("Logged by"), listed=False),
    ]
    detail_fields = columns

    @property
    def form(self) -> Any:  # type: ignore[override]
        from .forms_communication import CommunicationForm

        return CommunicationForm

    def form_class(self, obj: Any) -> Any:
        from .forms_communication import CommunicationEditForm, CommunicationForm

        return CommunicationForm if obj is None else CommunicationEditForm

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"organization": request.organization, "user": request.user}

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Communication:
        from .forms_communication import communication_data
        from .services.communications import communication_log

        return communication_log(
            actor=request.user, organization=request.organization, **communication_data(data)
        )

    def update(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> Communication:
        from .services.communications import communication_update

        return communication_update(actor=request.user, communication=obj, **data)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        links = []
        if can(request.user, request.organization, "operations.manage_settings"):
            links.append(
                (
                    reverse("operations:communication_settings"),
                    str(_("Enquiry target")),
                    "ti-settings",
                )
            )
        return links

    def detail_context(self, request: HttpRequest, obj: Communication) -> dict[str, Any]:
        from .views.communications import detail_context

        return detail_context(request, obj)


communications = CommunicationRegister()


# -- customer property (4.4.7) ------------------------------------------------------------------


def _property_overdue(item: PropertyItem) -> str:
    return str(_("Overdue for return")) if item.is_overdue else ""


class PropertyRegister(Register):
    model = PropertyItem
    slug = "property"
    namespace = "operations"
    url_prefix = "property/"
    title = _("Customer property")
    item_title = _("Item in custody")
    filterset = PropertyItemFilterSet
    default_sort = "-received_at"
    view_capability = "operations.view"
    manage_capability = "operations.keep_property"
    can_delete = False  # custody stays on record (4.4.7)
    select_related = ("site", "contact_point", "received_by", "returned_by", "nonconformity")
    detail_template = "operations/property_detail.html"
    empty_text = _("Nothing in custody. Receive an item when a customer leaves it in our care.")
    columns = [
        Column("number", _("Claim number"), sort="number", link=True),
        Column("received_at", _("Received"), sort="received_at"),
        Column("description", _("What")),
        Column("site", _("Site"), sort="site__code"),
        Column("storage_location", _("Kept at")),
        Column("get_status_display", _("Status"), sort="status"),
        Column("expected_return_on", _("Expected return"), sort="expected_return_on"),
        ComputedColumn("overdue", _("Overdue"), compute=_property_overdue),
        Column("contact_point", _("Received at"), listed=False),
        Column("received_by.display_name", _("Received by"), listed=False),
        Column("condition", _("Condition"), listed=False),
        Column("returned_at", _("Returned"), listed=False),
        Column("incident_at", _("Loss or damage found"), listed=False),
        Column("customer_informed_at", _("Customer informed"), listed=False),
        Column("nonconformity.number", _("Nonconformity"), listed=False),
    ]
    detail_fields = columns

    @property
    def form(self) -> Any:  # type: ignore[override]
        from .forms_property import PropertyReceiveForm

        return PropertyReceiveForm

    def form_class(self, obj: Any) -> Any:
        from .forms_property import PropertyEditForm, PropertyReceiveForm

        return PropertyReceiveForm if obj is None else PropertyEditForm

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"organization": request.organization, "user": request.user}

    def may_manage(self, request: HttpRequest, obj: Any = None) -> bool:
        # Edited while in custody only; the record is closed once it is back or lost.
        if obj is not None and obj.status != PropertyStatus.IN_CUSTODY:
            return False
        return super().may_manage(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> PropertyItem:
        from .forms_property import receive_data
        from .services.property import property_receive

        return property_receive(
            actor=request.user, organization=request.organization, **receive_data(data)
        )

    def update(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> PropertyItem:
        from .services.property import property_update

        return property_update(actor=request.user, item=obj, **data)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [(reverse("operations:property_overdue"), str(_("Overdue")), "ti-clock-exclamation")]

    def detail_context(self, request: HttpRequest, obj: PropertyItem) -> dict[str, Any]:
        from .views.property import detail_context

        return detail_context(request, obj)


property_register = PropertyRegister()
