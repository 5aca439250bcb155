"""Nonconformities (4.5.2): one register whatever raised them, each linked back to
its source record through the source registry (improvement/sources.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText, bilingual
from fuwu.design.models import CharacteristicKey

from .choices import CauseCategory, NCStatus, Severity


class Nonconformity(TenantModel):
    """A nonconforming service at a site: what happened, what was done at once for
    the customer, why it happened and what was decided (disposition)."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    # The source: a key of the source registry and the id of the record that raised it.
    source_type = models.CharField(_("source"), max_length=40, default="manual")
    source_id = models.CharField(_("source record"), max_length=64, blank=True)
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact point"),
    )
    characteristic = models.CharField(
        _("characteristic"), max_length=20, choices=CharacteristicKey.choices, blank=True
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    detected_at = models.DateTimeField(_("detected"))
    customer_affected = models.BooleanField(
        _("customer affected"),
        default=False,
        help_text=_("A customer met the nonconforming service: a remedy is owed (4.5.4 c)."),
    )
    immediate_remedy_en = models.TextField(_("immediate remedy (English)"), blank=True)
    immediate_remedy_zh = models.TextField(_("immediate remedy (Chinese)"), blank=True)
    customer_informed = models.BooleanField(_("customer informed"), default=False)
    status = models.CharField(
        _("status"), max_length=25, choices=NCStatus.choices, default=NCStatus.OPEN
    )
    # Cause analysis: a factor, five whys (one per line) and the root cause.
    cause_category = models.CharField(
        _("cause category"), max_length=20, choices=CauseCategory.choices, blank=True
    )
    whys_en = models.TextField(_("five whys (English)"), blank=True)
    whys_zh = models.TextField(_("five whys (Chinese)"), blank=True)
    root_cause_en = models.TextField(_("root cause (English)"), blank=True)
    root_cause_zh = models.TextField(_("root cause (Chinese)"), blank=True)
    analysed_at = models.DateTimeField(_("cause analysed"), null=True, blank=True)
    # Disposition: what was decided about the nonconforming service itself.
    disposition_en = models.TextField(_("disposition (English)"), blank=True)
    disposition_zh = models.TextField(_("disposition (Chinese)"), blank=True)
    disposed_at = models.DateTimeField(_("disposition recorded"), null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("disposition by"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("raised by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        ordering = ["-detected_at", "-pk"]
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="nonconformity_number_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "detected_at"]),
            models.Index(fields=["organization", "site", "detected_at"]),
            models.Index(fields=["organization", "source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.description_en or self.description_zh).splitlines()
        return f"{self.number} {text[0][:80] if text else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("improvement:nonconformity_detail", args=[self.pk])

    description = BilingualText()

    immediate_remedy = BilingualText()

    @property
    def whys(self) -> list[str]:
        text = bilingual(self.whys_en, self.whys_zh)
        return [line.strip() for line in text.splitlines() if line.strip()]

    root_cause = BilingualText()

    disposition = BilingualText()

    @property
    def label(self) -> str:
        first = self.description.splitlines()
        return f"{self.number} {first[0][:80] if first else ''}".strip()

    @property
    def is_closed(self) -> bool:
        return self.status == NCStatus.CLOSED
