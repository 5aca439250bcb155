"""Measurement's card on the home page: the inspection rounds open at the reader's
sites (overdue first) and, for those who read audits, the next internal audit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role
from fuwu.core.permissions import can

from .models import Audit, AuditStatus, InspectionRound, RoundStatus

SHOWN = 5


@card(
    order=35,
    permission="measurement.view_inspections",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.STAFF, Role.AUDITOR},
    title=_("Inspections"),
    template="measurement/cards/inspections.html",
    icon="ti-clipboard-check",
)
def inspections(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    today = timezone.localdate()
    open_rounds = InspectionRound.objects.for_user(user, organization=organization).filter(
        status=RoundStatus.PLANNED
    )
    rows = list(
        open_rounds.filter(due_on__lte=today)
        .select_related("site", "contact_point")
        .order_by("-overdue", "due_on", "pk")[:SHOWN]
    )
    next_audit = None
    if can(user, organization, "measurement.view_audits"):
        next_audit = (
            Audit.objects.for_user(user, organization=organization)
            .exclude(status=AuditStatus.COMPLETED)
            .order_by("planned_start", "pk")
            .first()
        )
    return {
        "open": open_rounds.count(),
        "overdue": open_rounds.filter(overdue=True).count(),
        "rows": rows,
        "next_audit": next_audit,
        "may_perform": can(user, organization, "measurement.perform_inspections"),
    }
