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
