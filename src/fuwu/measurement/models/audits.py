"""Internal audits (4.5.1 c): a programme that covers every applicable clause within
the organization's cycle, the audits planned in it, and their graded findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import OrganizationWideOrSite, Site, TenantModel
from fuwu.core.models.bilingual import BilingualText


class AuditProgramme(TenantModel):
    """The audits of one cycle (by default twelve months from `starts_on`)."""

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        indexes = [models.Index(fields=["organization", "starts_on"])]

    def __str__(self) -> str:
        return self.title_en or self.title_zh

    title = BilingualText()


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Audit(OrganizationWideOrSite, TenantModel):
    """One internal audit: a site (or the whole organization), a process, the
    clauses in its scope, its auditor and dates."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    programme = models.ForeignKey(
        AuditProgramme, on_delete=models.PROTECT, related_name="audits", verbose_name=_("programme")
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
        help_text=_("Empty: the organization as a whole."),
    )
    process_en = models.CharField(_("process audited (English)"), max_length=300)
    process_zh = models.CharField(_("process audited (Chinese)"), max_length=300, blank=True)
    clauses = models.JSONField(_("clauses in scope"), default=list)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auditor"),
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    conclusion_en = models.TextField(_("conclusion (English)"), blank=True)
    conclusion_zh = models.TextField(_("conclusion (Chinese)"), blank=True)
    follow_up_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("re-audit of"),
    )
    # The conformity engine's verdict per clause when the audit was completed, so the
    # report says what the auditor saw, not what the engine says today.
    results = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-planned_start", "-pk"]
        verbose_name = _("internal audit")
        verbose_name_plural = _("internal audits")
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="audit_number_unique")
        ]
        indexes = [models.Index(fields=["organization", "status", "planned_end"])]

    def __str__(self) -> str:
        return self.number

    process = BilingualText()

    conclusion = BilingualText()

    @property
    def clauses_text(self) -> str:
        return ", ".join(self.clauses)


class FindingGrade(models.TextChoices):
    CONFORMITY = "conformity", _("Conformity")
    OBSERVATION = "observation", _("Observation")
    OPPORTUNITY = "opportunity", _("Opportunity for improvement")
    MINOR = "minor", _("Minor nonconformity")
    MAJOR = "major", _("Major nonconformity")

    @classmethod
    def nonconforming(cls) -> tuple[str, ...]:
        return (cls.MINOR, cls.MAJOR)


class AuditFinding(OrganizationWideOrSite, TenantModel):
    """What the auditor found on one clause, with the evidence for it."""

    tenant_site_field = "site"

    audit = models.ForeignKey(
        Audit, on_delete=models.CASCADE, related_name="findings", verbose_name=_("audit")
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
    )
    clause = models.CharField(_("clause"), max_length=30)
    grade = models.CharField(_("grade"), max_length=20, choices=FindingGrade.choices)
    description_en = models.TextField(_("finding (English)"), blank=True)
    description_zh = models.TextField(_("finding (Chinese)"), blank=True)
    evidence_en = models.TextField(_("evidence (English)"), blank=True)
    evidence_zh = models.TextField(_("evidence (Chinese)"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The nonconformity a minor or major finding raised (improvement app).
    nonconformity_id = models.PositiveIntegerField(null=True, blank=True)
    # The re-audit that found the clause conforming again.
    closed_by = models.ForeignKey(
        Audit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closed_findings",
        verbose_name=_("closed by re-audit"),
    )

    class Meta:
        ordering = ["audit", "clause", "pk"]
        verbose_name = _("audit finding")
        verbose_name_plural = _("audit findings")
        indexes = [models.Index(fields=["organization", "grade"])]

    def __str__(self) -> str:
        return f"{self.audit_id} {self.clause} {self.grade}"

    description = BilingualText()

    evidence = BilingualText()

    @property
    def raises_nonconformity(self) -> bool:
        return self.grade in FindingGrade.nonconforming()
