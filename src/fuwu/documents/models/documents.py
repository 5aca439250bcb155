"""Controlled documents (SB/T 10382-2004, 4.6.4): a document and its versions.

A `Document` is the controlled item: number, title, category, owner, site and
review cycle. Its text lives in `DocumentVersion` rows, numbered 1..n, that move
draft → in review → approved → obsolete (see `workflow.py`). An approved version
never changes; editing starts a new draft. Only the services write these rows.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.base import OrganizationWideOrSite
from fuwu.core.models.bilingual import BilingualText


def person(verbose_name: Any) -> models.ForeignKey:
    """A user named on a document (owner, author, reviewer…): optional, kept when the
    account goes, never a way back from the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class Category(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROCEDURE = "procedure", _("Procedure")
    SPECIFICATION = "specification", _("Specification")
    MANUAL = "manual", _("Manual")
    FORM = "form", _("Form")
    WORK_INSTRUCTION = "work_instruction", _("Work instruction")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    """The status of a version, and of a document (the status of what counts now)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    OBSOLETE = "obsolete", _("Obsolete")


OPEN_STATUSES = (Status.DRAFT, Status.IN_REVIEW)


class Document(OrganizationWideOrSite, TenantModel):
    """A controlled document. `site` empty: it applies to the whole organization."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=Category.choices, default=Category.PROCEDURE
    )
    # The record of another app that owns this document (e.g. the service
    # specification of a contact point): its model label and primary key.
    subject_type = models.CharField(_("subject type"), max_length=100, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    owner = person(_("owner"))
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    next_review_date = models.DateField(_("next review"), null=True, blank=True)
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    last_reviewed_by = person(_("last reviewed by"))
    last_review_note = models.TextField(_("review note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    current_version = models.ForeignKey(
        "documents.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current version"),
    )
    obsoleted_at = models.DateTimeField(_("made obsolete"), null=True, blank=True)
    # Versions are numbered 1..n and never renumbered, even after disposal.
    last_version_number = models.PositiveIntegerField(_("last version number"), default=0)

    class Meta:
        ordering = ["number"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="document_number_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "next_review_date"]),
            models.Index(fields=["organization", "category"]),
            models.Index(fields=["organization", "site"]),
            models.Index(fields=["organization", "owner", "status"]),
            models.Index(fields=["organization", "subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return f"{self.number} {self.title_en or self.title_zh}".strip()

    title = BilingualText()

    def is_overdue(self, today: date | None = None) -> bool:
        """An approved document whose review date has passed."""
        today = today or timezone.localdate()
        return (
            self.status == Status.APPROVED
            and self.next_review_date is not None
            and self.next_review_date < today
        )


def version_file_path(instance: DocumentVersion, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return (
        f"documents/{instance.organization_id}/{instance.document_id}/"
        f"v{instance.number}.{extension}"
    )


class DocumentVersion(OrganizationWideOrSite, TenantModel):
    """One version of a document's text. Approved versions never change."""

    tenant_site_field = "document__site"

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    body_en = models.TextField(_("text (English)"), blank=True)
    body_zh = models.TextField(_("text (Chinese)"), blank=True)
    change_reason_en = models.TextField(_("reason for change (English)"), blank=True)
    change_reason_zh = models.TextField(_("reason for change (Chinese)"), blank=True)
    author = person(_("author"))
    submitted_by = person(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewer = person(_("reviewer"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for returning"), blank=True)
    approver = person(_("approver"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    obsoleted_at = models.DateTimeField(_("made obsolete"), null=True, blank=True)
    obsolete_reason = models.TextField(_("reason made obsolete"), blank=True)
    # The required elements the approver confirmed ({key: true}); see checklists.py.
    checklist = models.JSONField(_("confirmed elements"), default=dict, blank=True)
    # A frozen rendering (e.g. the service manual as PDF), fixed once approved.
    file = models.FileField(_("frozen file"), upload_to=version_file_path, blank=True)
    # The same rendering as a Word document, where there is one (the service manual).
    word_file = models.FileField(_("frozen Word file"), upload_to=version_file_path, blank=True)
    # What the frozen rendering was drawn from (JSON), so that approving the version
    # draws the same content again with the approval on its title page.
    frozen_content = models.FileField(
        _("frozen content"), upload_to=version_file_path, blank=True, editable=False
    )

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status__in=["draft", "in_review"]),
                name="document_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="approved"),
                name="document_one_approved_version",
            ),
        ]
        indexes = [models.Index(fields=["organization", "status", "obsoleted_at"])]

    def __str__(self) -> str:
        return f"{self.document.number} v{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    body = BilingualText()
    change_reason = BilingualText()


class ReviewReminder(OrganizationWideOrSite, TenantModel):
    """A document's review falls due within two weeks (or has passed): written once
    per review cycle by the daily job, shown on the document and in the register."""

    tenant_site_field = "document__site"

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("document")
    )
    due_date = models.DateField(_("review due"))

    class Meta:
        ordering = ["-due_date"]
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "due_date"], name="review_reminder_once_per_cycle"
            )
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return f"{self.document.number} review due {self.due_date.isoformat()}"
