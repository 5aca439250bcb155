"""Helpers the document services share: locking, scope, status bookkeeping."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import validate_text

from ..models import OPEN_STATUSES, Document, DocumentVersion, Status


def require_for_document(actor: Any, document: Document, capability: str) -> None:
    """The capability, and the document's site within the actor's scope (an
    organization-wide document needs an all-sites member)."""
    require(actor, document.organization, capability)
    if not in_site_scope(actor, document.organization, document.site_id):
        raise PermissionDenied(_("This document belongs to a site outside your scope."))


def lock_document(document: Document) -> Document:
    return Document.objects.select_for_update().select_related("organization").get(pk=document.pk)


def lock_version(version: DocumentVersion) -> DocumentVersion:
    return (
        DocumentVersion.objects.select_for_update()
        .select_related("document", "organization")
        .get(pk=version.pk)
    )


def require_draft(version: DocumentVersion) -> None:
    """Only a draft is editable: a version in review goes back to draft first, an
    approved or obsolete one never changes (a new draft does). StateConflict (409)."""
    if version.status == Status.DRAFT:
        return
    if version.status == Status.IN_REVIEW:
        raise StateConflict(
            _(
                "Version %(number)s is in review and cannot be changed; it must be "
                "returned to draft first."
            )
            % {"number": version.number}
        )
    raise StateConflict(
        _(
            "Version %(number)s is %(status)s and can no longer be changed; "
            "start a new draft to change the document."
        )
        % {"number": version.number, "status": version.get_status_display()}
    )


def open_version(document: Document) -> DocumentVersion | None:
    return document.versions.filter(status__in=OPEN_STATUSES).first()


def next_version_number(document: Document) -> int:
    highest = document.versions.aggregate(n=Max("number"))["n"] or 0
    return max(highest, document.last_version_number) + 1


def status_of(document: Document) -> str:
    """What counts now: approved while a current version exists; otherwise the open
    version's status; a document whose every version is obsolete is obsolete."""
    if document.current_version_id is not None:
        return Status.APPROVED
    found = open_version(document)
    if found is not None:
        return found.status
    return Status.OBSOLETE if document.versions.exists() else Status.DRAFT


def document_refresh(document: Document, *, actor: Any, **changes: Any) -> Document:
    """Apply `changes`, recompute the status, save, and audit what changed."""
    before = snapshot(document)
    for name, value in changes.items():
        setattr(document, name, value)
    validate_text(document, changes)
    document.status = changes.get("status") or status_of(document)
    document.save()
    after = snapshot(document)
    if {k: v for k, v in after.items() if k != "updated_at"} != {
        k: v for k, v in before.items() if k != "updated_at"
    }:
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=document, before=before, after=after
        )
    return document


def transition(
    version: DocumentVersion, *, actor: Any, target: str, **changes: Any
) -> DocumentVersion:
    """Move a version to `target`, with its audit entry (action "transition")."""
    before = snapshot(version)
    version.status = target
    for name, value in changes.items():
        setattr(version, name, value)
    validate_text(version, changes)
    version.save()
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=version,
        before=before,
        after=snapshot(version),
    )
    return version
