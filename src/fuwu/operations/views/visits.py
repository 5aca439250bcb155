"""Pages of a return visit beyond the register: performing it (the customer on the
line, on a phone) and assigning it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import get_language, gettext_lazy

from fuwu.core.models import Membership, User
from fuwu.core.permissions import can, in_site_scope

from ..forms_visits import AssignForm, PerformForm
from ..models import ReturnVisit
from ..permissions import CAPABILITIES
from ..registrations_visits import visits
from ..services import visits as services
from .common import RecordWriteView


def performers(visit: ReturnVisit) -> Any:
    """Members who perform return visits at the visit's site."""
    roles = CAPABILITIES["operations.perform_visits"]
    memberships = Membership.objects.filter(
        organization_id=visit.organization_id, is_active=True, role__in=roles
    ).filter(Q(all_sites=True) | Q(sites=visit.site_id))
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by(
        "username"
    )


def detail_context(request: HttpRequest, obj: ReturnVisit) -> dict[str, Any]:
    user, organization = request.user, request.organization
    in_scope = in_site_scope(user, organization, obj.site_id)
    acting = obj.is_planned and in_scope and can(user, organization, "operations.perform_visits")
    assigning = obj.is_planned and in_scope and can(user, organization, "operations.plan_visits")
    return {
        "record": obj,
        "perform_form": PerformForm() if acting else None,
        "assign_form": AssignForm(people=performers(obj)) if assigning else None,
        "take": acting and not assigning and obj.assigned_to_id != user.pk,
        "may_see_identity": can(user, organization, "operations.perform_visits"),
        "may_erase": obj.has_identity
        and in_scope
        and can(user, organization, "operations.erase_customer_data"),
    }


class VisitPerformView(RecordWriteView):
    register = visits
    form_class = PerformForm
    form_key = "perform_form"
    done_message = gettext_lazy("The visit is recorded.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.visit_perform(
            actor=request.user,
            visit=obj,
            language=get_language() or "en",
            **PerformForm.service_data(data),
        )


class VisitAssignView(RecordWriteView):
    register = visits
    form_class = AssignForm
    form_key = "assign_form"
    done_message = gettext_lazy("Assigned.")

    def make_form(self, request: HttpRequest, obj: Any) -> forms.Form | None:
        if "take" in request.POST:
            return None  # taking it oneself: no choice to make
        return AssignForm(request.POST, people=performers(obj))

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        who = data.get("assigned_to") or request.user
        services.visit_assign(actor=request.user, visit=obj, assigned_to=who)


class VisitEraseView(RecordWriteView):
    register = visits
    done_message = gettext_lazy("The customer's identity is erased.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.visit_erase_identity(actor=request.user, visit=obj)
