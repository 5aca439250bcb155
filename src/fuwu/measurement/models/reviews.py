"""The review of the customer-evaluation analysis (4.5.3): the quality manager
records that they read the analysis of a period, what they concluded and which
nonconformities and preventive actions they raised from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import OrganizationWideOrSite, Site, TenantModel
from fuwu.core.models.bilingual import BilingualText


class AnalysisReview(OrganizationWideOrSite, TenantModel):
    """One review of the analysis of customer evaluations over a period, for one
    site or (empty) the organization as a whole."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
        help_text=_("Empty: the organization as a whole."),
    )
    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    notes_en = models.TextField(_("notes (English)"), blank=True)
    notes_zh = models.TextField(_("notes (Chinese)"), blank=True)
    conclusions_en = models.TextField(_("conclusions (English)"), blank=True)
    conclusions_zh = models.TextField(_("conclusions (Chinese)"), blank=True)
    decisions_en = models.TextField(_("decisions (English)"), blank=True)
    decisions_zh = models.TextField(_("decisions (Chinese)"), blank=True)
    nonconformities = models.ManyToManyField(
        "improvement.Nonconformity",
        blank=True,
        related_name="+",
        verbose_name=_("nonconformities raised"),
    )
    actions = models.ManyToManyField(
        "improvement.Action",
        blank=True,
        related_name="+",
        verbose_name=_("preventive actions raised"),
    )

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("analysis review")
        verbose_name_plural = _("analysis reviews")
        indexes = [models.Index(fields=["organization", "reviewed_on"])]

    def __str__(self) -> str:
        return self.number

    notes = BilingualText()
    conclusions = BilingualText()
    decisions = BilingualText()
