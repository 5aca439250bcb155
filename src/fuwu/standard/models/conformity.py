"""An organization's position against the standard."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText


class Scope(TenantModel):
    """The scope of the service management system (clause 1): what, where, and the
    link to an ISO 9001 certificate the organization may hold."""

    organization = models.OneToOneField(
        "core.Organization", on_delete=models.CASCADE, related_name="sms_scope"
    )
    statement_en = models.TextField(_("scope statement (English)"), blank=True)
    statement_zh = models.TextField(_("scope statement (Chinese)"), blank=True)
    all_sites = models.BooleanField(_("all sites"), default=True)
    sites = models.ManyToManyField(Site, blank=True, related_name="+", verbose_name=_("sites"))
    iso9001_certificate = models.CharField(
        _("ISO 9001 certificate number"), max_length=100, blank=True
    )
    iso9001_certifier_en = models.CharField(
        _("certification body (English)"), max_length=200, blank=True
    )
    iso9001_certifier_zh = models.CharField(
        _("certification body (Chinese)"), max_length=200, blank=True
    )
    iso9001_valid_until = models.DateField(_("certificate valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")

    def __str__(self) -> str:
        return str(_("Scope of %(org)s") % {"org": self.organization})

    statement = BilingualText()
    iso9001_certifier = BilingualText()


class Applicability(TenantModel):
    """A decision on one clause: applicable, or excluded with a justification.
    Clauses without a row are applicable."""

    clause = models.ForeignKey("standard.Clause", on_delete=models.PROTECT, related_name="+")
    applicable = models.BooleanField(_("applicable"), default=True)
    justification_en = models.TextField(_("justification (English)"), blank=True)
    justification_zh = models.TextField(_("justification (Chinese)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("applicability decision")
        verbose_name_plural = _("statement of applicability")
        constraints = [
            models.UniqueConstraint(fields=["organization", "clause"], name="applicability_unique")
        ]

    justification = BilingualText()

    def __str__(self) -> str:
        return f"{self.clause.ref_id}: {'applicable' if self.applicable else 'excluded'}"


class AssessmentResult(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    MINOR = "minor", _("Minor nonconformity")
    MAJOR = "major", _("Major nonconformity")
    OBSERVATION = "observation", _("Observation")
    OFI = "ofi", _("Opportunity for improvement")

    @classmethod
    def nonconforming(cls) -> set[str]:
        return {cls.MINOR, cls.MAJOR}


class Assessment(TenantModel):
    """An auditor's judgement of one clause. The latest one counts."""

    clause = models.ForeignKey("standard.Clause", on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=20, choices=AssessmentResult.choices)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Records and links that support the judgement.")
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_at = models.DateTimeField(_("assessed at"))

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        verbose_name = _("manual assessment")
        verbose_name_plural = _("manual assessments")
        indexes = [models.Index(fields=["organization", "clause", "-assessed_at"])]

    note = BilingualText()

    def __str__(self) -> str:
        return f"{self.clause.ref_id}: {self.get_result_display()}"


class ConformitySnapshot(TenantModel):
    """The organization's conformity on one day, so the dashboard can show a trend."""

    taken_on = models.DateField(_("date"))
    summary = models.JSONField(default=dict)  # counts per status, overall and per process
    statuses = models.JSONField(default=dict)  # clause ref -> status

    class Meta:
        ordering = ["-taken_on"]
        verbose_name = _("conformity snapshot")
        constraints = [
            models.UniqueConstraint(fields=["organization", "taken_on"], name="snapshot_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.taken_on}"
