"""The registers of nonconformities and actions: declarations; core's generic views
list, filter, export, show and keep the history. Their record pages add the work:
cause analysis, disposition, actions, completion, verification, closing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fuwu.core.registers import Column, ComputedColumn, Register

from . import details
from .filtersets import ActionFilterSet, NonconformityFilterSet
from .forms import ActionEditForm, ActionForm, NonconformityForm
from .models import Action, Nonconformity
from .services import actions as action_services
from .services import nonconformities as nc_services
from .sources import source_label


class NonconformityRegister(Register):
    model = Nonconformity
    slug = "nonconformity"
    namespace = "improvement"
    url_prefix = "nonconformities/"
    title = _("Nonconformities")
    item_title = _("Nonconformity")
    filterset = NonconformityFilterSet
    form = NonconformityForm
    default_sort = "-detected_at"
    view_capability = "improvement.view"
    manage_capability = "improvement.raise_nonconformity"
    can_delete = False  # a record of what went wrong is kept (4.6.5)
    select_related = ("site", "contact_point")
    detail_template = "improvement/nonconformity_detail.html"
    empty_text = _(
        "No nonconformity recorded. Record one when a service did not meet its "
        "specification, whatever found it: an inspection, an audit, a customer."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("detected_at", _("Detected"), sort="detected_at"),
        Column("site", _("Site"), sort="site__code"),
        Column("description", _("Description")),
        Column("get_severity_display", _("Severity"), sort="severity"),
        Column("get_status_display", _("Status"), sort="status"),
        ComputedColumn("source_type", _("Source"), compute=lambda nc: source_label(nc.source_type)),
        Column("contact_point", _("Contact point"), listed=False),
        Column("get_characteristic_display", _("Characteristic"), listed=False),
        Column("immediate_remedy", _("Immediate remedy"), listed=False),
        Column("customer_affected", _("Customer affected"), listed=False),
        Column("customer_informed", _("Customer informed"), listed=False),
        Column("get_cause_category_display", _("Cause category"), listed=False),
        Column("root_cause", _("Root cause"), listed=False),
        Column("disposition", _("Disposition"), listed=False),
        Column("closed_at", _("Closed"), listed=False),
    ]
    detail_fields = columns

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"user": request.user}

    def initial(self, obj: Nonconformity) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in nc_services.EDITABLE}

    def may_manage(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().may_manage(request, obj) and (obj is None or not obj.is_closed)

    def detail_context(self, request: HttpRequest, obj: Nonconformity) -> dict[str, Any]:
        return details.nonconformity_context(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Nonconformity:
        return nc_services.raise_nonconformity(
            actor=request.user,
            organization=request.organization,
            source="manual",
            **{k: v for k, v in data.items() if v is not None or k != "detected_at"},
        )

    def update(
        self, request: HttpRequest, obj: Nonconformity, data: dict[str, Any]
    ) -> Nonconformity:
        data = {k: v for k, v in data.items() if not (k == "detected_at" and v is None)}
        return nc_services.nonconformity_update(actor=request.user, nonconformity=obj, data=data)


class ActionRegister(Register):
    model = Action
    slug = "action"
    namespace = "improvement"
    url_prefix = "actions/"
    title = _("Actions")
    item_title = pgettext_lazy("improvement", "Action")
    filterset = ActionFilterSet
    form = ActionForm
    default_sort = "due_on"
    view_capability = "improvement.view"
    manage_capability = "improvement.plan_actions"
    can_delete = False
    select_related = ("site", "owner", "nonconformity")
    detail_template = "improvement/action_detail.html"
    empty_text = _(
        "No action planned. Plan remedial and corrective actions from a nonconformity's "
        "page, or a preventive action here."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("get_kind_display", _("Kind"), sort="kind"),
        Column("description", _("Description")),
        Column("nonconformity.number", _("Nonconformity"), sort="nonconformity__number"),
        Column("site", _("Site"), sort="site__code"),
        Column("owner.display_name", _("Owner"), sort="owner__username"),
        Column("due_on", _("Due"), sort="due_on"),
        Column("get_status_display", _("Status"), sort="status"),
        Column("get_origin_display", _("Origin"), listed=False),
        Column("evidence", _("Evidence"), listed=False),
        Column("completed_at", _("Completed"), listed=False),
        Column("verify_on", _("Verify effectiveness from"), listed=False),
        Column("rework_count", _("Reworked"), listed=False),
    ]
    detail_fields = columns

    def form_class(self, obj: Any) -> type:
        return ActionForm if obj is None else ActionEditForm

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"user": request.user}

    def initial(self, obj: Action) -> dict[str, Any]:
        return {
            "owner": obj.owner_id,
            "due_on": obj.due_on,
            "description_en": obj.description_en,
            "description_zh": obj.description_zh,
        }

    def may_manage(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().may_manage(request, obj) and (obj is None or obj.is_open)

    def detail_context(self, request: HttpRequest, obj: Action) -> dict[str, Any]:
        return details.action_context(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Action:
        return action_services.action_plan(
            actor=request.user, organization=request.organization, **data
        )

    def update(self, request: HttpRequest, obj: Action, data: dict[str, Any]) -> Action:
        return action_services.action_update(actor=request.user, action=obj, data=data)


nonconformities = NonconformityRegister()
actions = ActionRegister()
