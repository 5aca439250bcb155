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


CARD_DAYS = 30  # satisfaction now: the last 30 days, against the 30 before
SIGNAL_BASE_DAYS = 90  # the control charts' baseline for the signals of the last 30 days


@card(
    order=36,
    permission="measurement.view_satisfaction",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.AUDITOR, Role.VIEWER},
    title=_("Customer satisfaction"),
    template="measurement/cards/satisfaction.html",
    icon="ti-mood-smile",
)
def satisfaction_now(request: HttpRequest) -> dict[str, Any]:
    """The satisfaction index of the last 30 days against the 30 before, the open
    follow-ups raised from customers' evaluations and the dashboards, and the
    control-chart signals of the last 30 days (at the reader's sites)."""
    from datetime import timedelta

    from fuwu.improvement.models import NCStatus, Nonconformity

    from .dashboard import Dashboard, Selection
    from .satisfaction import satisfaction

    user, organization = request.user, request.organization
    today = timezone.localdate()
    now_start = today - timedelta(days=CARD_DAYS - 1)
    before_end = now_start - timedelta(days=1)
    figures = {}
    for key, start, end in (
        ("now", now_start, today),
        ("before", before_end - timedelta(days=CARD_DAYS - 1), before_end),
    ):
        figures[key] = satisfaction(organization=organization, user=user, start=start, end=end)[0]
    now, before = figures["now"], figures["before"]
    change = (
        round(now.index - before.index, 1)
        if now.index is not None and before.index is not None
        else None
    )
    open_follow_ups = (
        Nonconformity.objects.for_user(user, organization=organization)
        .filter(source_type__in=("evaluation", "satisfaction"))
        .exclude(status=NCStatus.CLOSED)
    )
    board = Dashboard(
        organization=organization,
        user=user,
        selection=Selection(start=today - timedelta(days=SIGNAL_BASE_DAYS - 1), end=today),
    )
    recent = [s for s in board.signals() if s["day"] >= now_start]
    return {
        "now": now,
        "before": before,
        "change": change,
        "follow_ups": open_follow_ups.count(),
        "follow_up_rows": list(open_follow_ups.select_related("site").order_by("-detected_at")[:3]),
        "signals": len(recent),
        "latest_signal": recent[0] if recent else None,
        "days": CARD_DAYS,
    }
