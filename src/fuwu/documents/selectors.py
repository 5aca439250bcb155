"""Reads shared by the pages, the API, the checks and other apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from fuwu.core.audit import object_type_of
from fuwu.core.models import AuditEntry, Membership, Organization
from fuwu.core.permissions import CAPABILITIES, can, unscoped

from . import retention
from .models import (
    OPEN_STATUSES,
    Document,
    DocumentVersion,
    RecordType,
    ReviewReminder,
    Status,
)
from .services.reminders import REMIND_DAYS


def documents_for(user: Any, organization: Organization | None = None) -> QuerySet[Document]:
    """The documents a user may see, with what the register shows annotated, so a
    page of them costs a fixed number of queries."""
    open_versions = DocumentVersion.objects.filter(
        document=OuterRef("pk"), status__in=OPEN_STATUSES
    )
    reminded = ReviewReminder.objects.filter(
        document=OuterRef("pk"), due_date=OuterRef("next_review_date")
    )
    return (
        Document.objects.for_user(user, organization=organization)
        .select_related("site", "owner", "current_version")
        .annotate(
            open_number=Subquery(open_versions.values("number")[:1]),
            open_status=Subquery(open_versions.values("status")[:1]),
            reminded=Exists(reminded),
        )
    )


# A version's audit entries a reader of what is in force may see: from its approval on.
IN_FORCE_STATUSES = [Status.APPROVED.value, Status.OBSOLETE.value]


def overdue_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=Status.APPROVED, next_review_date__lt=today)


def overdue_documents(organization: Organization, today: date | None = None) -> QuerySet[Document]:
    return Document.objects.filter(overdue_q(today), organization=organization).order_by(
        "next_review_date", "number"
    )


def visible_versions(document: Document, user: Any) -> QuerySet[DocumentVersion]:
    """The versions this person may read: staff and viewers read only what has been
    in force (approved or obsolete after approval), never drafts or versions in review."""
    versions = document.versions.all()
    if not can(user, document.organization, "documents.view_drafts"):
        versions = versions.filter(approved_at__isnull=False)
    return versions


def versions_of(document: Document, user: Any = None) -> list[DocumentVersion]:
    versions = document.versions.all() if user is None else visible_versions(document, user)
    return list(
        versions.select_related("author", "submitted_by", "reviewer", "approver").order_by(
            "-number"
        )
    )


def history_of(
    document: Document, limit: int | None = None, user: Any = None
) -> QuerySet[AuditEntry]:
    """Audit entries of the document and of its versions and reminders, newest first.

    With `user`: only what they may read. Staff and viewers read what has been in
    force, so of a version they see the entries from its approval on, never those
    of its draft or review (which carry the text and the reason for the change)."""
    versions = document.versions.all() if user is None else visible_versions(document, user)
    version_ids = [str(pk) for pk in versions.values_list("pk", flat=True)]
    reminder_ids = [str(pk) for pk in document.reminders.values_list("pk", flat=True)]
    of_versions = Q(object_type=object_type_of(DocumentVersion), object_id__in=version_ids)
    if user is not None and not can(user, document.organization, "documents.view_drafts"):
        of_versions &= Q(after__status__in=IN_FORCE_STATUSES)
    entries = (
        AuditEntry.objects.filter(organization_id=document.organization_id)
        .filter(
            Q(object_type=object_type_of(Document), object_id=str(document.pk))
            | of_versions
            | Q(object_type=object_type_of(ReviewReminder), object_id__in=reminder_ids)
        )
        .select_related("actor")
        .order_by("-seq")
    )
    return entries[:limit] if limit else entries


def documents_of_subject(subject: models.Model) -> QuerySet[Document]:
    """The documents another app's record owns (e.g. a contact point's specifications)."""
    return Document.objects.filter(
        organization_id=subject.organization_id,
        subject_type=object_type_of(subject),
        subject_id=str(subject.pk),
    ).select_related("current_version")


def current_version_of(document: Document) -> DocumentVersion | None:
    """The approved version in force, or None."""
    return document.current_version if document.status == Status.APPROVED else None


@dataclass
class RetentionRow:
    record_type: RecordType
    kind: retention.RecordKind | None
    total: int | None
    due: int | None  # None: never disposed of


def retention_overview(organization: Organization) -> list[RetentionRow]:
    """Each record type with how many records it covers and how many are past
    retention: two counts per record type (a handful of types per organization)."""
    rows = []
    for record_type in RecordType.objects.filter(organization=organization).order_by("name_en"):
        kind = retention.KINDS.get(record_type.model_label)
        total = kind.rows(organization.pk).count() if kind else None
        due = retention.due_rows(record_type)
        rows.append(
            RetentionRow(record_type, kind, total, due.count() if due is not None else None)
        )
    return rows


# -- the home page's cards: each a fixed number of queries ---------------------------


def _own_sites_only(user: Any, organization: Organization, rows: QuerySet, site: str) -> QuerySet:
    """A site-scoped person acts on their sites' documents, not the organization's."""
    return rows if unscoped(user, organization) else rows.filter(**{f"{site}__isnull": False})


def awaiting_approval(user: Any, organization: Organization) -> QuerySet[DocumentVersion]:
    """Versions in review that this person may approve now: in their scope, and not
    ones they wrote or submitted while someone else may approve them (four eyes,
    as `workflow.someone_else_approves` decides; three queries whatever the data)."""
    pending = _own_sites_only(
        user,
        organization,
        DocumentVersion.objects.for_user(user, organization=organization).filter(
            status=Status.IN_REVIEW
        ),
        "document__site",
    )
    others = list(
        Membership.objects.filter(
            organization=organization,
            is_active=True,
            user__is_active=True,
            role__in=CAPABILITIES["documents.approve"],
        )
        .exclude(user_id=user.pk)
        .prefetch_related("sites")
    )
    mine = Q(author_id=user.pk) | Q(submitted_by_id=user.pk)
    if any(m.all_sites for m in others):
        pending = pending.exclude(mine)
    else:
        covered = {site.pk for m in others for site in m.sites.all()}
        pending = pending.exclude(mine & Q(document__site__in=covered))
    return pending.select_related("document", "document__site", "submitted_by").order_by(
        "submitted_at", "pk"
    )


def due_for_review(
    user: Any, organization: Organization, today: date | None = None
) -> QuerySet[Document]:
    """Approved documents this person may revise whose review is due within the
    reminder window (or overdue), soonest first."""
    today = today or timezone.localdate()
    rows = Document.objects.for_user(user, organization=organization).filter(
        status=Status.APPROVED, next_review_date__lte=today + timedelta(days=REMIND_DAYS)
    )
    return _own_sites_only(user, organization, rows, "site").order_by("next_review_date", "number")


def recently_in_force(
    user: Any, organization: Organization, days: int = 30
) -> QuerySet[DocumentVersion]:
    """Versions approved in the last `days` that are in force now: what changed in
    the rules. Everyone who reads documents may read these."""
    since = timezone.now() - timedelta(days=days)
    return (
        DocumentVersion.objects.for_user(user, organization=organization)
        .filter(status=Status.APPROVED, approved_at__gte=since)
        .select_related("document", "document__site")
        .order_by("-approved_at", "-pk")
    )


def open_drafts_by(user: Any, organization: Organization) -> QuerySet[DocumentVersion]:
    """Open versions (draft or in review) this person wrote."""
    return (
        DocumentVersion.objects.for_user(user, organization=organization)
        .filter(status__in=OPEN_STATUSES, author_id=user.pk)
        .select_related("document", "document__site")
        .order_by("-updated_at", "-pk")
    )
