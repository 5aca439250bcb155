"""Documents: create, change metadata, confirm a periodic review, make obsolete."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, object_type_of, snapshot
from fuwu.core.dates import add_months
from fuwu.core.errors import StateConflict
from fuwu.core.models import Membership, Organization, Site, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import number_next

from ..models import OPEN_STATUSES, Document, DocumentVersion, Status
from .common import (
    document_refresh,
    lock_document,
    require_for_document,
    transition,
)

FIELDS = (
    "title_en",
    "title_zh",
    "category",
    "owner",
    "site",
    "review_interval_months",
    "next_review_date",
)
NUMBER_PREFIX = "DOC"


def _pick(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in FIELDS}


def _check(
    actor: User,
    organization: Organization,
    fields: dict[str, Any],
    document: Document | None = None,
) -> None:
    """Meaning: a title, an owner who is a member, a site of this organization
    within the actor's scope."""
    titles = [
        str(fields.get(name, getattr(document, name, "")) or "").strip()
        for name in ("title_en", "title_zh")
    ]
    if not any(titles):
        raise ValidationError({"title_en": _("Give the document a title in English or Chinese.")})
    owner = fields.get("owner")
    if (
        owner is not None
        and not Membership.objects.filter(
            organization=organization, user=owner, is_active=True
        ).exists()
    ):
        raise ValidationError({"owner": _("Choose an active member of this organization.")})
    if "site" in fields:
        site: Site | None = fields["site"]
        if site is not None and site.organization_id != organization.pk:
            raise ValidationError({"site": _("Choose a site of this organization.")})
        if not in_site_scope(actor, organization, site.pk if site else None):
            raise PermissionDenied(
                _("You may only keep documents of your own sites.")
                if site is None
                else _("This site is outside your scope.")
            )


def document_create(
    *,
    actor: User,
    organization: Organization,
    data: dict[str, Any],
    subject: models.Model | None = None,
    body_en: str = "",
    body_zh: str = "",
) -> Document:
    """A new controlled document, numbered DOC-<year>-NNNN, with version 1 as a draft.

    `subject`: the record of another app that owns this document (a contact
    point's specification, the service manual); stored as subject_type/subject_id.
    """
    require(actor, organization, "documents.edit")
    fields = _pick(data)
    if fields.get("owner") is None:
        member = Membership.objects.filter(organization=organization, user=actor, is_active=True)
        fields["owner"] = actor if member.exists() else None
    fields.setdefault("site", None)
    fields.setdefault("title_en", "")
    _check(actor, organization, fields)
    if subject is not None and getattr(subject, "organization_id", None) != organization.pk:
        raise ValidationError(_("The subject of a document must belong to the same organization."))
    with transaction.atomic():
        document = Document(
            organization=organization,
            number=number_next(organization=organization, prefix=NUMBER_PREFIX),
            status=Status.DRAFT,
            last_version_number=1,
            subject_type=object_type_of(subject) if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
            **fields,
        )
        document.full_clean()
        document.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=document, after=snapshot(document)
        )
        version = DocumentVersion(
            organization=organization,
            document=document,
            number=1,
            status=Status.DRAFT,
            body_en=body_en,
            body_zh=body_zh,
            author=actor,
        )
        version.full_clean()
        version.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=version, after=snapshot(version)
        )
        return document


def document_update(*, actor: User, document: Document, data: dict[str, Any]) -> Document:
    """Change a document's metadata (title, category, owner, site, review cycle).
    Its text changes only through a new version."""
    require_for_document(actor, document, "documents.edit")
    fields = _pick(data)
    _check(actor, document.organization, fields, document)
    with transaction.atomic():
        document = lock_document(document)
        before = snapshot(document)
        for name, value in fields.items():
            setattr(document, name, value)
        document.full_clean()
        document.save()
        after = snapshot(document)
        if {k: v for k, v in after.items() if k != "updated_at"} != {
            k: v for k, v in before.items() if k != "updated_at"
        }:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=document,
                before=before,
                after=after,
            )
        return document


def document_review_confirm(*, actor: User, document: Document, note: str = "") -> Document:
    """The periodic review found the approved document still adequate: record who
    and when, and set the next review date one interval from today."""
    require_for_document(actor, document, "documents.approve")
    with transaction.atomic():
        document = lock_document(document)
        if document.status != Status.APPROVED:
            raise StateConflict(_("Only an approved document can be confirmed as reviewed."))
        today = timezone.localdate()
        return document_refresh(
            document,
            actor=actor,
            last_reviewed_at=timezone.now(),
            last_reviewed_by=actor,
            last_review_note=(note or "").strip(),
            next_review_date=add_months(today, document.review_interval_months),
        )


def document_obsolete(*, actor: User, document: Document, reason: str) -> Document:
    """Withdraw a document: its approved version and any open version become
    obsolete (still readable), and it leaves the review cycle."""
    require_for_document(actor, document, "documents.approve")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the document is made obsolete.")})
    with transaction.atomic():
        document = lock_document(document)
        if document.status == Status.OBSOLETE:
            raise StateConflict(_("This document is already obsolete."))
        now = timezone.now()
        live = document.versions.select_for_update().filter(
            status__in=[*OPEN_STATUSES, Status.APPROVED]
        )
        for version in live:
            transition(
                version,
                actor=actor,
                target=Status.OBSOLETE,
                obsoleted_at=now,
                obsolete_reason=reason,
            )
        return document_refresh(
            document,
            actor=actor,
            status=Status.OBSOLETE,
            current_version=None,
            next_review_date=None,
            obsoleted_at=now,
        )
