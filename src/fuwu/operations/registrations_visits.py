"""The registers of return visits and their rules (4.4.8): declarations; core's
generic views list, filter, export, show and keep the history. Performing and
assigning a visit are small forms on its page (views/visits.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fuwu.core.registers import Column, ComputedColumn, Register

from .filtersets_visits import ReturnVisitFilterSet, ReturnVisitRuleFilterSet
from .models import ReturnVisit, ReturnVisitRule


def _overdue(visit: ReturnVisit) -> str:
    return str(_("Overdue")) if visit.is_overdue else ""


def _on_time(visit: ReturnVisit) -> str:
    on_time = visit.on_time
    if on_time is None:
        return ""
    return str(_("On time") if on_time else _("Late"))


class ReturnVisitRegister(Register):
    model = ReturnVisit
    slug = "returnvisit"
    namespace = "operations"
    url_prefix = "return-visits/"
    title = _("Return visits")
    item_title = _("Return visit")
    filterset = ReturnVisitFilterSet
    default_sort = "due_on"
    view_capability = "operations.view"
    manage_capability = "operations.perform_visits"
    can_delete = False  # the schedule and what came of it stay on record (4.4.8)
    select_related = (
        "site",
        "contact_point",
        "assigned_to",
        "performed_by",
        "maintenance_request",
    )
    detail_template = "operations/returnvisit_detail.html"
    empty_text = _(
        "No return visit planned. Set a rule per contact point (e.g. three days after "
        "check-out), or enter a check-out to plan its visit."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("due_on", _("Due"), sort="due_on"),
        Column("customer_reference", _("Room or booking")),
        Column("site", _("Site"), sort="site__code"),
        Column("contact_point", _("Contact point")),
        Column("get_status_display", _("Status"), sort="status"),
        Column("assigned_to.display_name", _("Assigned to"), sort="assigned_to__username"),
        ComputedColumn("overdue", _("Overdue"), compute=_overdue),
        Column("satisfaction", _("Satisfaction (1-5)"), sort="satisfaction"),
        Column("get_trigger_display", _("After"), listed=False),
        Column("service_ended_at", _("Service event"), listed=False),
        Column("performed_at", _("Performed"), listed=False),
        ComputedColumn("on_time", _("Done as planned"), compute=_on_time, listed=False),
        Column("performed_by.display_name", _("Performed by"), listed=False),
        Column("get_channel_display", _("How"), listed=False),
        Column("outcome", _("Outcome"), listed=False),
        Column("maintenance_request.number", _("Maintenance request"), listed=False),
    ]
    detail_fields = columns

    @property
    def form(self) -> Any:  # type: ignore[override]
        from .forms_visits import VisitPlanForm

        return VisitPlanForm

    def form_class(self, obj: Any) -> Any:
        from .forms_visits import VisitEditForm, VisitPlanForm

        return VisitPlanForm if obj is None else VisitEditForm

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"organization": request.organization, "user": request.user}

    def initial(self, obj: Any) -> dict[str, Any]:
        return {"due_on": obj.due_on, "customer_reference": obj.customer_reference}

    def may_manage(self, request: HttpRequest, obj: Any = None) -> bool:
        # Moved or corrected while planned; performed, the record is closed.
        if obj is not None and not obj.is_planned:
            return False
        return super().may_manage(request, obj)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> ReturnVisit:
        from .services.visits import visit_plan

        return visit_plan(actor=request.user, organization=request.organization, **data)

    def update(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> ReturnVisit:
        from .services.visits import visit_update

        return visit_update(actor=request.user, visit=obj, **data)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        base = reverse("operations:returnvisit_list")
        return [
            (base + "?overdue=true", str(_("Overdue")), "ti-clock-exclamation"),
            (base + "?mine=true&status=planned", str(_("Mine to do")), "ti-user-check"),
            (reverse("operations:visitrule_list"), str(_("Rules")), "ti-calendar-repeat"),
        ]

    def detail_context(self, request: HttpRequest, obj: ReturnVisit) -> dict[str, Any]:
        from .views.visits import detail_context

        return detail_context(request, obj)


class ReturnVisitRuleRegister(Register):
    model = ReturnVisitRule
    slug = "visitrule"
    namespace = "operations"
    url_prefix = "return-visits/rules/"
    title = _("Return-visit rules")
    item_title = _("Return-visit rule")
    filterset = ReturnVisitRuleFilterSet
    default_sort = "site__code"
    view_capability = "operations.view"
    manage_capability = "operations.plan_visits"
    can_delete = False  # the visits a rule planned keep it; stop it instead
    select_related = ("site", "contact_point", "created_by")
    empty_text = _("No rule yet. Say after which event, at which contact point, a visit is due.")
    columns = [
        Column("site", _("Site"), sort="site__code", link=True),
        Column("contact_point", _("Contact point"), sort="contact_point__code"),
        Column("get_trigger_display", _("After"), sort="trigger"),
        Column("days_after", _("Days after"), sort="days_after"),
        Column("purpose", _("What to ask")),
        Column("is_active", _("Active"), sort="is_active"),
        Column("created_by.display_name", _("Set up by"), listed=False),
    ]
    detail_fields = columns

    @property
    def form(self) -> Any:  # type: ignore[override]
        from .forms_visits import RuleForm

        return RuleForm

    def form_class(self, obj: Any) -> Any:
        from .forms_visits import RuleEditForm, RuleForm

        return RuleForm if obj is None else RuleEditForm

    def form_kwargs(self, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"organization": request.organization, "user": request.user}

    def initial(self, obj: Any) -> dict[str, Any]:
        return {
            "days_after": obj.days_after,
            "purpose_en": obj.purpose_en,
            "purpose_zh": obj.purpose_zh,
            "is_active": obj.is_active,
        }

    def create(self, request: HttpRequest, data: dict[str, Any]) -> ReturnVisitRule:
        from .services.visits import rule_create

        return rule_create(actor=request.user, organization=request.organization, **data)

    def update(self, request: HttpRequest, obj: Any, data: dict[str, Any]) -> ReturnVisitRule:
        from .services.visits import rule_update

        return rule_update(actor=request.user, rule=obj, **data)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [(reverse("operations:returnvisit_list"), str(_("Return visits")), "ti-phone")]


visits = ReturnVisitRegister()
visit_rules = ReturnVisitRuleRegister()
