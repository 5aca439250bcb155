"""Operations' part of "my work" (core/work.py): the open requests a person handles
or first took, and those escalated to them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.work import WorkItem, contributes

from . import selectors


@contributes(order=10)
def my_requests(user: Any, organization: Any) -> list[WorkItem]:
    items = []
    for record in selectors.mine(user, organization):
        if record.escalated_to_id == user.pk and record.handler_id != user.pk:
            what = _("Escalated to you")
        elif record.handler_id == user.pk:
            what = record.get_kind_display()
        else:
            what = _("You are its first owner")
        items.append(
            WorkItem(
                what,
                record.label,
                record.get_absolute_url(),
                timezone.localdate(record.resolution_due_at),
                "ti-headset",
            )
        )
    return items


# -- customer requirements to review (4.4.2), commitments to measure (4.4.5) ----------------


@contributes(order=11)
def my_requirements_and_commitments(user: Any, organization: Any) -> list[WorkItem]:
    """Requirements waiting for their review (for those who review them, at their
    sites), and the commitments in force one owns whose last month is not measured."""
    from datetime import timedelta

    from django.db.models import Max

    from fuwu.core.permissions import can, in_site_scope

    from .models import IN_FORCE, Commitment, CustomerRequirement, RequirementStatus

    items = []
    if can(user, organization, "operations.review_requirements"):
        waiting = (
            CustomerRequirement.objects.for_user(user, organization=organization)
            .filter(status=RequirementStatus.RECORDED)
            .order_by("received_on", "pk")[:20]
        )
        for record in waiting:
            if in_site_scope(user, organization, record.site_id):
                items.append(
                    WorkItem(
                        _("Review before commitment"),
                        record.label,
                        record.get_absolute_url(),
                        record.received_on + timedelta(days=7),
                        "ti-checklist",
                    )
                )
    today = timezone.localdate()
    due_after = today.replace(day=1) - timedelta(days=1)  # the last day of last month
    owned = (
        Commitment.objects.for_user(user, organization=organization)
        .filter(owner=user, status__in=IN_FORCE, activated_at__date__lte=due_after)
        .annotate(last=Max("fulfilment__period_end"))
        .order_by("number")
    )
    for record in owned:
        if record.last is None or record.last < due_after:
            items.append(
                WorkItem(
                    _("Record fulfilment"),
                    record.label,
                    record.get_absolute_url(),
                    today.replace(day=10),
                    "ti-ruler-measure",
                )
            )
    return items


# -- shift hand-overs to take over, and those flagged to a site manager ---------------------


@contributes(order=12)
def my_handovers(user: Any, organization: Any) -> list[WorkItem]:
    """Hand-overs at the person's sites waiting for the incoming person (someone else
    handed them over), and the unacknowledged ones flagged to them."""
    from fuwu.core.permissions import can

    from .models import Handover

    if not can(user, organization, "operations.hand_over"):
        return []
    waiting = (
        Handover.objects.for_user(user, organization=organization)
        .filter(acknowledged_at__isnull=True)
        .exclude(outgoing=user)
        .select_related("site")
        .order_by("-handed_over_at", "-pk")[:10]
    )
    return [
        WorkItem(
            _("Flagged to you: not acknowledged")
            if handover.flagged_to_id == user.pk
            else _("Acknowledge the hand-over"),
            f"{handover.number} {handover.site.code}",
            handover.get_absolute_url(),
            timezone.localdate(handover.handed_over_at),
            "ti-arrows-exchange",
        )
        for handover in waiting
    ]


# -- return visits to perform (4.4.8) -----------------------------------------------------------


@contributes(order=13)
def my_return_visits(user: Any, organization: Any) -> list[WorkItem]:
    """The planned return visits assigned to the person, the earliest due first."""
    from .models import ReturnVisit, VisitStatus

    planned = (
        ReturnVisit.objects.for_user(user, organization=organization)
        .filter(assigned_to=user, status=VisitStatus.PLANNED)
        .order_by("due_on", "pk")[:20]
    )
    return [
        WorkItem(_("Return visit"), visit.label, visit.get_absolute_url(), visit.due_on, "ti-phone")
        for visit in planned
    ]
