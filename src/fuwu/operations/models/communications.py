"""The log of customer communication (4.4.4): what the organization told, taught or
asked its customers, and what it answered them — by purpose, channel and contact
point, with the time from the customer's question to the answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .choices import Channel

# The enquiry answered within this many minutes by default (organization settings).
DEFAULT_ENQUIRY_RESPONSE_MINUTES = 60


class Purpose(models.TextChoices):
    """The purposes 4.4.4 lists (a, b, d, e)."""

    INFORM = "inform", _("Inform about the service")
    GUIDE = "guide", _("Guide or train the customer")
    RESPOND = "respond", _("Respond to an enquiry")
    OPINION = "opinion", _("Ask for opinions")


class Communication(TenantModel):
    """One exchange with a customer (or a group of them) at a contact point.

    An answer to an enquiry has the time the customer asked and the time they were
    answered; the others have the time they took place. A customer's reference (a
    booking number, a name) is kept only with their consent."""

    tenant_site_field = "site"

    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.IN_PERSON
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact point"),
    )
    occurred_at = models.DateTimeField(_("when (received)"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    customer_reference = models.CharField(_("customer reference"), max_length=120, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    reference_erased_at = models.DateTimeField(_("reference erased at"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("logged by"),
    )

    summary = BilingualText()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("customer communication")
        verbose_name_plural = _("customer communications")
        indexes = [
            models.Index(fields=["organization", "occurred_at"]),
            models.Index(fields=["organization", "purpose", "occurred_at"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.summary_en or self.summary_zh).splitlines()
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {text[0][:80] if text else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:communication_detail", args=[self.pk])

    @property
    def label(self) -> str:
        first = self.summary.splitlines()
        return f"{self.occurred_at:%Y-%m-%d} {first[0][:80] if first else ''}".strip()

    @property
    def response_minutes(self) -> int | None:
        """Minutes from the customer's enquiry to the answer (None: not an answer yet)."""
        if self.answered_at is None:
            return None
        return max(0, int((self.answered_at - self.occurred_at).total_seconds() // 60))


class CommunicationSettings(TenantModel):
    """The organization's target for answering an enquiry; one row, missing means
    the default."""

    organization = models.OneToOneField(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organization"),
    )
    enquiry_response_minutes = models.PositiveIntegerField(
        _("enquiry answered within (minutes)"), default=DEFAULT_ENQUIRY_RESPONSE_MINUTES
    )

    class Meta:
        verbose_name = _("communication settings")
        verbose_name_plural = _("communication settings")

    def __str__(self) -> str:
        return f"{self.organization_id} communication settings"
