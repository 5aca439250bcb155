"""Where customers evaluate (4.5.1 b): a collection point per site and contact point,
reached by an unguessable token (QR code or link), and the evaluations it receives.

Nothing personal is stored: time, place, instrument version, language, channel,
the answers and an optional visit id the customer's device makes up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import SealedRecord, Site, TenantModel
from fuwu.design.models import ContactPoint

from .answer_view import ANSWER_VIEW
from .evaluations import Instrument, InstrumentVersion, Question


class Channel(models.TextChoices):
    QR = "qr", _("QR code")
    LINK = "link", _("Link")
    KIOSK = "kiosk", _("Kiosk")
    IMPORT = "import", _("Import")
    # Asked by staff on a return visit (operations, 4.4.8); the value fits max_length 10.
    RETURN_VISIT = "revisit", _("Return visit")


class CollectionPoint(TenantModel):
    """One (site, contact point) where evaluations are collected."""

    tenant_site_field = "site"

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="+", verbose_name=_("contact point")
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument")
    )
    # secrets.token_urlsafe: the only key to the public page, unguessable.
    token = models.CharField(_("token"), max_length=64, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Who answers for the point: a customer has no account, so the remedial follow-up
    # of a low rating is raised in the owner's name (ADR 0028).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )

    class Meta:
        ordering = ["site", "contact_point"]
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "contact_point"], name="collection_point_once_per_site"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site_id}/{self.contact_point_id}"


class Evaluation(SealedRecord, TenantModel):
    """One customer's answers at a collection point. `submission_id` comes from the
    customer's device (or the no-JS form): a retry or a double tap counts once.

    Append-only, never edited: it carries the digest of its content (answers
    included) and is chained into the audit trail by a seal (ADR 0030), so a
    submission never waits on the organization's audit-chain lock."""

    tenant_site_field = "site"

    collection_point = models.ForeignKey(
        CollectionPoint,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("collection point"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="+", verbose_name=_("contact point")
    )
    instrument_version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    submission_id = models.CharField(_("submission id"), max_length=64)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    language = models.CharField(_("language"), max_length=10)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    visit_id = models.CharField(_("visit"), max_length=64, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    low = models.BooleanField(_("low rating"), default=False)
    # The remedial follow-up a low rating opened (improvement app), for the link back.
    nonconformity_id = models.PositiveIntegerField(null=True, blank=True)
    # What the customer answered, stored with the evaluation in one row (ADR 0041):
    # [[question id, value or null, text], ...]. Reads go through `Answer`.
    answered = models.JSONField(_("answers given"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("customer evaluation")
        verbose_name_plural = _("customer evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "submission_id"], name="evaluation_submission_once"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "site", "contact_point", "submitted_at"]),
            # What the sealing job reads: only the rows still to seal are in it.
            models.Index(
                fields=["organization", "id"],
                condition=models.Q(seal__isnull=True),
                name="evaluation_unsealed",
            ),
        ]

    def __str__(self) -> str:
        return self.submission_id


class Answer(TenantModel):
    """The answer to one question, kept with the question (and so the version) it
    answered.

    Read-only: a database view that unfolds each evaluation's `answered` into one row
    per answer (migration 0012, ADR 0041), so that every read joins and groups
    answers as rows while a submission writes one row. Its id is the evaluation's
    times 10,000 plus the answer's place."""

    tenant_site_field = "evaluation__site"
    database_view = ANSWER_VIEW  # for fuwu.core.schema.create_views

    evaluation = models.ForeignKey(
        Evaluation,
        # The answers go with their evaluation's row: nothing to delete here.
        on_delete=models.DO_NOTHING,
        related_name="answers",
        verbose_name=_("evaluation"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        managed = False
        db_table = "measurement_answer"
        ordering = ["evaluation", "question__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}={self.value if self.value is not None else self.text[:40]}"


class CallBackStatus(models.TextChoices):
    OPEN = "open", _("To call back")
    DONE = "done", _("Called back")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")


class CallBackRequest(TenantModel):
    """A customer's request to be called back about their evaluation, given with
    explicit consent (PIPL: minimal, purpose-bound, erasable; ADR 0029).

    The contact lives here, never in the evaluation, and never in the audit trail:
    erasing blanks it and the trail keeps only that it was erased, when and by whom."""

    tenant_site_field = "site"

    evaluation = models.OneToOneField(
        Evaluation,
        on_delete=models.PROTECT,
        related_name="call_back",
        verbose_name=_("evaluation"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact = models.CharField(_("phone or e-mail"), max_length=254, blank=True)
    contact_kind = models.CharField(_("contact by"), max_length=10, choices=ContactKind.choices)
    purpose = models.CharField(_("purpose"), max_length=300)
    consent_text = models.TextField(_("consent as the customer read it"))
    consented_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(
        _("status"), max_length=10, choices=CallBackStatus.choices, default=CallBackStatus.OPEN
    )
    done_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("called back by"),
    )
    erased_at = models.DateTimeField(_("contact erased at"), null=True, blank=True)

    class Meta:
        ordering = ["status", "-consented_at", "-pk"]
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")
        indexes = [models.Index(fields=["organization", "site", "status"])]

    def __str__(self) -> str:
        # Never the contact: the audit trail stores this as the object's name.
        return f"call-back {self.evaluation_id}"
