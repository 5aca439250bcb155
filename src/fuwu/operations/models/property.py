"""The custody register of customer property (4.4.7 b, d): what a customer left in
the organization's care, whose it is, where it was received, by whom, in which
condition, where it is kept, and when and to whom it went back — or that it was lost
or damaged, the nonconformity raised and the customer told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .choices import Channel


def _user(verbose_name: str, *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
    )


class PropertyStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("In custody")
    RETURNED = "returned", _("Returned")
    LOST = "lost", _("Lost")
    DAMAGED = "damaged", _("Damaged")


class PropertyItem(TenantModel):
    """An item in custody. The owner's name and contact are kept only with their
    consent for a stated purpose, never written to the audit trail, and erasable
    once the item is back (the record stays)."""

    tenant_site_field = "site"

    number = models.CharField(_("claim number"), max_length=30)
    description_en = models.TextField(_("what (English)"), blank=True)
    description_zh = models.TextField(_("what (Chinese)"), blank=True)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received at (contact point)"),
    )
    received_at = models.DateTimeField(_("received"))
    received_by = _user(_("received by"), null=False)
    condition_en = models.TextField(_("condition (English)"), blank=True)
    condition_zh = models.TextField(_("condition (Chinese)"), blank=True)
    storage_location = models.CharField(_("storage location"), max_length=200)
    expected_return_on = models.DateField(_("expected return"), null=True, blank=True)
    # The owner: minimal, with consent and purpose (PIPL), erasable.
    owner_name = models.CharField(_("owner's name"), max_length=120, blank=True)
    owner_contact = models.CharField(_("owner's phone or e-mail"), max_length=254, blank=True)
    consent_purpose = models.CharField(
        _("purpose of keeping the identity"), max_length=300, blank=True
    )
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    identity_erased_at = models.DateTimeField(_("identity erased at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PropertyStatus.choices,
        default=PropertyStatus.IN_CUSTODY,
    )
    overdue_flagged_at = models.DateTimeField(_("flagged overdue"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_to = models.CharField(_("returned to"), max_length=120, blank=True)
    returned_by = _user(_("handed back by"))
    # Loss or damage: what happened, the nonconformity, and the customer told.
    incident_at = models.DateTimeField(_("loss or damage found"), null=True, blank=True)
    incident_en = models.TextField(_("what happened (English)"), blank=True)
    incident_zh = models.TextField(_("what happened (Chinese)"), blank=True)
    reported_by = _user(_("reported by"))
    customer_informed_at = models.DateTimeField(_("customer informed"), null=True, blank=True)
    customer_informed_how = models.CharField(
        _("customer informed how"), max_length=12, choices=Channel.choices, blank=True
    )
    nonconformity = models.ForeignKey(
        "improvement.Nonconformity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nonconformity"),
    )

    description = BilingualText()
    condition = BilingualText()
    incident = BilingualText()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("customer property")
        verbose_name_plural = _("customer property")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="property_item_number_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "expected_return_on"]),
            models.Index(fields=["organization", "site", "received_at"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.description_en or self.description_zh).splitlines()
        return f"{self.number} {text[0][:80] if text else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:property_detail", args=[self.pk])

    @property
    def label(self) -> str:
        first = self.description.splitlines()
        return f"{self.number} {first[0][:80] if first else ''}".strip()

    @property
    def in_custody(self) -> bool:
        return self.status == PropertyStatus.IN_CUSTODY

    @property
    def has_identity(self) -> bool:
        return bool(self.owner_name or self.owner_contact)

    @property
    def is_overdue(self) -> bool:
        return (
            self.in_custody
            and self.expected_return_on is not None
            and self.expected_return_on < timezone.localdate()
        )
