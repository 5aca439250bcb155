"""Contact points (3.2): where the organization meets its customers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import OrganizationWideOrSite, Role, Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .process import Stage


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    WEB = "web", _("Web")
    APP = "app", _("App")
    SELF_SERVICE = "self_service", _("Self-service device")
    OTHER = "other", _("Other")


# Channels where customers use the organization's premises or devices in person:
# their facilities and environment need specifying (4.3.1 b).
PHYSICAL_CHANNELS = frozenset({Channel.IN_PERSON, Channel.SELF_SERVICE})


class ContactPointStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class ContactPoint(OrganizationWideOrSite, TenantModel):
    """A place, physical or virtual, where the organization meets the customer.

    `site` empty: the chain defines it once and deploys it to `sites`; set: a
    site's own contact point (deployed there only). Everyone in the organization
    sees the chain's points; a site's own points are seen within that site's scope.
    """

    tenant_site_field = "site"

    code = models.CharField(_("code"), max_length=30)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    manned = models.BooleanField(
        _("manned"), default=True, help_text=_("Untick for an unmanned contact point.")
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.IN_PERSON
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    owner_role = models.CharField(
        _("owner (role)"), max_length=20, choices=Role.choices, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner (person)"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContactPointStatus.choices,
        default=ContactPointStatus.PLANNED,
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site's own"),
        help_text=_("Empty: defined by the organization for all the sites it is deployed to."),
    )
    sites = models.ManyToManyField(
        Site, blank=True, related_name="contact_points", verbose_name=_("deployed at")
    )
    order = models.PositiveIntegerField(
        _("order in the journey"),
        default=0,
        help_text=_("Where the customer meets it, within its stage: smaller comes first."),
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="contact_point_code_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "stage"]),
            models.Index(fields=["organization", "site"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return f"{self.code} {self.name_en or self.name_zh}".strip()

    name = BilingualText()
    description = BilingualText()

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_physical(self) -> bool:
        """Customers use it in person: its facilities and environment matter."""
        return self.channel in PHYSICAL_CHANNELS

    @property
    def stage_index(self) -> int:
        return list(Stage.values).index(self.stage)
