"""Reads that pages, the API, checks, cards and "my work" share."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import VERIFIED_KINDS, Action, ActionStatus, NCStatus, Nonconformity, Severity
from .services.settings import settings_for


def open_nonconformities(user: Any, organization: Any) -> QuerySet[Nonconformity]:
    return Nonconformity.objects.for_user(user, organization=organization).exclude(
        status=NCStatus.CLOSED
    )


def status_counts(user: Any, organization: Any) -> dict[str, int]:
    rows = (
        open_nonconformities(user, organization).order_by().values("status").annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


def overdue_actions(user: Any, organization: Any, today: date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return Action.objects.for_user(user, organization=organization).filter(
        status=ActionStatus.PLANNED, due_on__lt=today
    )


def actions_owned(user: Any, organization: Any) -> QuerySet[Action]:
    return (
        Action.objects.filter(organization=organization, owner=user, status=ActionStatus.PLANNED)
        .select_related("nonconformity")
        .order_by("due_on", "pk")
    )


def verifications_waiting(user: Any, organization: Any, until: date) -> QuerySet[Action]:
    """Completed corrective and preventive actions whose waiting time ends by `until`,
    owned by someone else, within the reader's sites."""
    return (
        Action.objects.for_user(user, organization=organization)
        .filter(status=ActionStatus.COMPLETED, kind__in=VERIFIED_KINDS, verify_on__lte=until)
        .exclude(owner=user)
        .order_by("verify_on", "pk")
    )


def dispositions_due(user: Any, organization: Any) -> list[tuple[Nonconformity, date]]:
    """Open nonconformities without a disposition, with the day it is due."""
    days = settings_for(organization).disposition_days
    rows = open_nonconformities(user, organization).filter(disposed_at__isnull=True)
    return [
        (nc, timezone.localdate(nc.detected_at) + timedelta(days=days))
        for nc in rows.order_by("detected_at", "pk")
    ]


def ready_to_close(user: Any, organization: Any) -> QuerySet[Nonconformity]:
    """What the quality manager may close now (workflow.closure_refusal in one query):
    the disposition recorded, no action open, no corrective action unverified, and a
    corrective action verified effective unless the nonconformity is minor."""
    pending = Nonconformity.objects.filter(
        Q(actions__status=ActionStatus.PLANNED)
        | Q(actions__kind="corrective", actions__status=ActionStatus.COMPLETED)
    ).values("pk")
    effective = Nonconformity.objects.filter(
        actions__kind="corrective", actions__status=ActionStatus.EFFECTIVE
    ).values("pk")
    return (
        open_nonconformities(user, organization)
        .filter(disposed_at__isnull=False)
        .exclude(pk__in=pending)
        .filter(Q(severity=Severity.MINOR) | Q(pk__in=effective))
        .order_by("detected_at", "pk")
    )
