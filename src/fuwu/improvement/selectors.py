"""Reads that pages, the API, checks, cards and "my work" share."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import VERIFIED_KINDS, Action, ActionStatus, NCStatus, Nonconformity
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
    """Awaiting verification with every corrective action verified effective, none open
    and the disposition recorded: the quality manager's decision waits."""
    corrective_pending = Q(
        actions__kind="corrective",
        actions__status__in=[ActionStatus.PLANNED, ActionStatus.COMPLETED],
    )
    return (
        open_nonconformities(user, organization)
        .filter(status=NCStatus.AWAITING_VERIFICATION, disposed_at__isnull=False)
        .filter(actions__kind="corrective", actions__status=ActionStatus.EFFECTIVE)
        .exclude(pk__in=Nonconformity.objects.filter(corrective_pending).values("pk"))
        .distinct()
        .order_by("detected_at", "pk")
    )
