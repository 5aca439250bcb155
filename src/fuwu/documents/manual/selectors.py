"""Reads of the service manual's controlled document and its frozen versions.

The manual is one `Document` per organization: category "manual", whose subject is
the organization itself (subject_type "core.organization"). It is created the first
time someone prepares a version (services.manual_version_prepare).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fuwu.core.audit import object_type_of
from fuwu.core.models import Organization
from fuwu.core.permissions import unscoped

from ..models import Category, Document, DocumentVersion, Status
from ..selectors import visible_versions


def manual_documents(organization: Organization) -> QuerySet[Document]:
    return Document.objects.filter(
        organization=organization,
        category=Category.MANUAL,
        subject_type=object_type_of(organization),
        subject_id=str(organization.pk),
    )


def manual_document(organization: Organization) -> Document | None:
    """The organization's service manual as a controlled document, or None before the
    first version was prepared."""
    return (
        manual_documents(organization)
        .select_related("current_version__approver", "current_version__author", "owner")
        .order_by("pk")
        .first()
    )


def manual_versions(document: Document | None, user: Any = None) -> list[DocumentVersion]:
    """The manual's versions, newest first, with the people named on them; with
    `user`, only those they may read (staff and viewers: what was in force)."""
    if document is None:
        return []
    versions = document.versions.all() if user is None else visible_versions(document, user)
    return list(versions.select_related("author", "submitted_by", "approver").order_by("-number"))


def may_open_frozen(user: Any, organization: Organization) -> bool:
    """A frozen version of the manual covers every site of the organization, so only
    those who see every site open its files; a site-scoped reader reads the live
    manual, which keeps to their sites."""
    return unscoped(user, organization)


def readable_manual_version(
    organization: Organization, user: Any, number: int
) -> DocumentVersion | None:
    """The frozen version `number` if this person may open its files, else None."""
    document = manual_document(organization)
    if document is None or not may_open_frozen(user, organization):
        return None
    return visible_versions(document, user).filter(number=number).first()


def approved_version(document: Document | None) -> DocumentVersion | None:
    if document is None or document.status != Status.APPROVED:
        return None
    return document.current_version
