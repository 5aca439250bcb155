"""Review reminders: written by the daily job for documents whose review falls due
within two weeks or has passed. No e-mail; they show on the document and in the
register."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models.audit import AuditAction

from ..models import Document, ReviewReminder, Status

REMIND_DAYS = 14


def review_reminders_create(*, today: date | None = None) -> int:
    """One reminder per document and review cycle (its next review date); returns
    how many were written. Safe to run again: a cycle is never reminded twice."""
    today = today or timezone.localdate()
    reminded = ReviewReminder.objects.filter(
        document=OuterRef("pk"), due_date=OuterRef("next_review_date")
    )
    due = (
        Document.objects.filter(
            status=Status.APPROVED,
            next_review_date__isnull=False,
            next_review_date__lte=today + timedelta(days=REMIND_DAYS),
            organization__is_active=True,
        )
        .exclude(Exists(reminded))
        .order_by("organization_id", "pk")
    )
    written = 0
    for document in due.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(
                    organization_id=document.organization_id,
                    document=document,
                    due_date=document.next_review_date,
                )
                audit_record(
                    actor=None,
                    action=AuditAction.CREATE,
                    instance=reminder,
                    after=snapshot(reminder),
                )
        except IntegrityError:
            continue  # another worker wrote it meanwhile
        written += 1
    return written
