"""Measurement's part of "my work" (core/work.py): the inspection rounds due at the
person's sites, and the internal audits they are to perform."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.permissions import can, unscoped
from fuwu.core.work import SOON_DAYS, WorkItem, contributes

from .models import Audit, AuditStatus, InspectionRound, RoundStatus

LIMIT = 50  # a person's list, not the register: the register has the rest


@contributes(order=30)
def inspections_due(user: Any, organization: Any) -> list[WorkItem]:
    """Open rounds due soon at the sites of someone who performs inspections there;
    for members of the whole organization, only the overdue ones (the register and
    the schedule hold the rest)."""
    if not can(user, organization, "measurement.perform_inspections"):
        return []
    until = timezone.localdate() + timedelta(days=SOON_DAYS)
    rounds = InspectionRound.objects.for_user(user, organization=organization).filter(
        status=RoundStatus.PLANNED, due_on__lte=until
    )
    if unscoped(user, organization):
        rounds = rounds.filter(overdue=True)
    rounds = rounds.select_related("contact_point", "site").order_by("due_on", "pk")[:LIMIT]
    return [
        WorkItem(
            _("Inspection"),
            f"{r.number} {r.site.code} {r.contact_point.label}",
            reverse("measurement:round_detail", args=[r.pk]),
            r.due_on,
            "ti-clipboard-check",
        )
        for r in rounds
    ]


@contributes(order=31)
def audits_to_perform(user: Any, organization: Any) -> list[WorkItem]:
    audits = Audit.objects.filter(
        organization=organization,
        auditor=user,
        status__in=[AuditStatus.PLANNED, AuditStatus.IN_PROGRESS],
    ).order_by("planned_end", "pk")[:LIMIT]
    return [
        WorkItem(
            _("Internal audit"),
            f"{a.number} {a.process}",
            reverse("measurement:audit_detail", args=[a.pk]),
            a.planned_end,
            "ti-list-check",
        )
        for a in audits
    ]
