"""Versions: start a draft, edit it, and move it through the workflow.

The transitions themselves are declared in `workflow.py`; each service here
locks the rows it changes, asks the workflow, and writes one audit entry per
status change (action "transition", before and after).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.dates import add_months
from fuwu.core.errors import StateConflict
from fuwu.core.models import User
from fuwu.core.models.audit import AuditAction
from fuwu.core.services import record_update
from fuwu.core.services.records import check_deletable
from fuwu.core.text import stored_texts, tolerating

from .. import workflow
from ..checklists import checklist_for, missing_items
from ..models import Document, DocumentVersion, Status
from ..structured import structured_content
from .common import (
    document_refresh,
    lock_document,
    lock_version,
    next_version_number,
    open_version,
    require_draft,
    require_for_document,
    transition,
)
from .documents import document_obsolete

REASON_FIELDS = ("change_reason_en", "change_reason_zh")
VERSION_FIELDS = ("body_en", "body_zh", *REASON_FIELDS, "file", "word_file", "frozen_content")

# Called by version_approve inside its transaction, before the version turns approved:
# hook(version, approver=, approved_at=) -> fields the approval writes too ({}: none).
# The service manual's hook draws the approved files (services/manual.py).
ApprovalHook = Callable[..., dict[str, Any]]
APPROVAL_HOOKS: list[ApprovalHook] = []


def version_draft_create(*, actor: User, document: Document) -> DocumentVersion:
    """Start the next version as a draft, copied from the current approved one (or
    the latest). A document has at most one open (draft or in-review) version."""
    require_for_document(actor, document, "documents.edit")
    with transaction.atomic():
        document = lock_document(document)
        existing = open_version(document)
        if existing is not None:
            raise StateConflict(
                _("Version %(number)s is still open (%(status)s); finish it first.")
                % {"number": existing.number, "status": existing.get_status_display()}
            )
        source = document.current_version or document.versions.order_by("-number").first()
        number = next_version_number(document)
        version = DocumentVersion(
            organization_id=document.organization_id,
            document=document,
            number=number,
            status=Status.DRAFT,
            body_en=source.body_en if source else "",
            body_zh=source.body_zh if source else "",
            author=actor,
        )
        with tolerating(stored_texts(source) if source else []):  # copied as it was
            version.full_clean()
        version.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=version, after=snapshot(version)
        )
        content = structured_content(document)
        if content is not None:
            content.copy(source, version)
        document_refresh(document, actor=actor, last_version_number=number)
        return version


def version_update(
    *, actor: User, version: DocumentVersion, data: dict[str, Any]
) -> DocumentVersion:
    """Change a draft's text, reason for change or frozen files. Versions in review,
    approved or obsolete never change: StateConflict (the API answers 409)."""
    require_for_document(actor, version.document, "documents.edit")
    fields = {k: v for k, v in data.items() if k in VERSION_FIELDS}
    if structured_content(version.document) is not None:
        # Its content is kept as structured items by the app that owns it.
        fields = {k: v for k, v in fields.items() if k in REASON_FIELDS}
    with transaction.atomic():
        version = lock_version(version)
        require_draft(version)
        return record_update(version, actor=actor, data=fields)


def version_submit(*, actor: User, version: DocumentVersion) -> DocumentVersion:
    """Draft → in review."""
    with transaction.atomic():
        version = lock_version(version)
        workflow.require_transition(actor, version, workflow.SUBMIT)
        transition(
            version,
            actor=actor,
            target=Status.IN_REVIEW,
            submitted_by=actor,
            submitted_at=timezone.now(),
            reviewer=None,
            reviewed_at=None,
        )
        document_refresh(version.document, actor=actor)
        return version


def version_approve(
    *,
    actor: User,
    version: DocumentVersion,
    confirmed: Iterable[str] = (),
    approved_on: date | None = None,
) -> DocumentVersion:
    """In review → approved. The approver confirms the document's required elements
    (the four of a service policy); the previous approved version becomes obsolete
    and the next review falls one review interval after approval.

    `approved_on`: for documents approved on paper before they came into Fuwu
    (imports); it cannot lie in the future. Pages and the API never pass it.
    """
    confirmed = set(confirmed)
    today = timezone.localdate()
    if approved_on is not None and approved_on > today:
        raise ValidationError({"approved_on": _("The approval date cannot lie in the future.")})
    with transaction.atomic():
        document = lock_document(version.document)
        version = lock_version(version)
        workflow.require_transition(actor, version, workflow.APPROVE)
        missing = missing_items(document, confirmed)
        if missing:
            raise ValidationError(
                {
                    "checklist": _(
                        "Confirm every required element before approving. Not confirmed: %(items)s"
                    )
                    % {"items": "; ".join(str(item.label) for item in missing)}
                }
            )
        now = timezone.now()
        day = approved_on or today
        approved_at = (
            now if approved_on is None else timezone.make_aware(datetime.combine(day, time(12)))
        )
        # Hooks may add to the approval (the service manual draws its approved files).
        extra: dict[str, Any] = {}
        for hook in APPROVAL_HOOKS:
            extra |= hook(version, approver=actor, approved_at=approved_at)
        previous = document.current_version
        if previous is not None:
            transition(
                lock_version(previous),
                actor=actor,
                target=Status.OBSOLETE,
                obsoleted_at=approved_at,
            )
        transition(
            version,
            actor=actor,
            target=Status.APPROVED,
            reviewer=actor,
            reviewed_at=approved_at,
            approver=actor,
            approved_at=approved_at,
            effective_date=day,
            checklist={item.key: True for item in checklist_for(document)},
            **extra,
        )
        document_refresh(
            document,
            actor=actor,
            current_version=version,
            next_review_date=add_months(day, document.review_interval_months),
            obsoleted_at=None,
        )
        version.document = document
        return version


def version_reject(*, actor: User, version: DocumentVersion, reason: str) -> DocumentVersion:
    """In review → back to draft, with the reason the author should address."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the version goes back to draft.")})
    with transaction.atomic():
        version = lock_version(version)
        workflow.require_transition(actor, version, workflow.REJECT)
        transition(
            version,
            actor=actor,
            target=Status.DRAFT,
            reviewer=actor,
            reviewed_at=timezone.now(),
            rejection_reason=reason,
        )
        document_refresh(version.document, actor=actor)
        return version


def version_obsolete(*, actor: User, version: DocumentVersion, reason: str) -> DocumentVersion:
    """Make a version obsolete: the approved one withdraws the whole document
    (document_obsolete); a draft is abandoned. Versions in review are returned to
    draft first (409 otherwise)."""
    if version.status == Status.APPROVED:
        workflow.require_transition(actor, version, workflow.OBSOLETE)
        document_obsolete(actor=actor, document=version.document, reason=reason)
        version.refresh_from_db()
        return version
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the draft is abandoned.")})
    with transaction.atomic():
        lock_document(version.document)
        version = lock_version(version)
        workflow.require_transition(actor, version, workflow.OBSOLETE)
        transition(
            version,
            actor=actor,
            target=Status.OBSOLETE,
            obsoleted_at=timezone.now(),
            obsolete_reason=reason,
        )
        document_refresh(version.document, actor=actor)
        return version


def version_dispose(*, actor: User, version: DocumentVersion) -> None:
    """Delete an obsolete version whose retention period has run out (called by
    record disposal, which checks the retention rule and logs the disposal)."""
    require_for_document(actor, version.document, "documents.manage_records")
    if version.status != Status.OBSOLETE:
        raise StateConflict(_("Only obsolete versions can be disposed of."))
    check_deletable(version)
    with transaction.atomic():
        version = lock_version(version)
        audit_record(
            actor=actor, action=AuditAction.DELETE, instance=version, before=snapshot(version)
        )
        stored = [f for f in (version.file, version.word_file) if f]
        version.delete()
        for kept in stored:
            transaction.on_commit(lambda kept=kept: kept.delete(save=False))
