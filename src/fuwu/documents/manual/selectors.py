"""Reads of the service manual's controlled document and its frozen versions.

The manual is one `Document` per organization: category "manual", whose subject is
the organization itself (subject_type "core.organization"). It is created the first
time someone prepares a version (services.manual_version_prepare).
"""

from __future__ import annotations

from django.db.models import QuerySet

from fuwu.core.audit import object_type_of
from fuwu.core.models import Organization

from ..models import Category, Document, DocumentVersion, Status


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


def manual_versions(document: Document | None) -> list[DocumentVersion]:
    """The manual's versions, newest first, with the people named on them."""
    if document is None:
        return []
    return list(
        document.versions.select_related("author", "submitted_by", "approver").order_by("-number")
    )


def approved_version(document: Document | None) -> DocumentVersion | None:
    if document is None or document.status != Status.APPROVED:
        return None
    return document.current_version
