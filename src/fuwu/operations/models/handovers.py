"""Shift hand-over (服务作业的交接): what the outgoing person leaves to the next shift at
a site and contact point — the open requests and the property in custody as they stood
when the shift was handed over, and the outgoing person's notes — acknowledged by the
incoming person, or flagged to the site manager when nobody acknowledges it in time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

# An unacknowledged hand-over is flagged after this many hours by default.
DEFAULT_ACKNOWLEDGE_HOURS = 2


def _user(verbose_name: str, *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
    )


class Handover(TenantModel):
    """One hand-over. The open requests and the items in custody are a snapshot (both
    languages), not links: the record says what the next shift was told, even after the
    requests are closed and the items handed back (ADR 0037)."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
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
    handed_over_at = models.DateTimeField(_("handed over"))
    outgoing = _user(_("handed over by"), null=False)
    notes_en = models.TextField(_("for the next shift (English)"), blank=True)
    notes_zh = models.TextField(_("for the next shift (Chinese)"), blank=True)
    # [{"id", "number", "kind", "priority", "status", "summary_en", "summary_zh", "overdue"}]
    open_requests = models.JSONField(_("open requests"), default=list, blank=True)
    # [{"id", "number", "description_en", "description_zh", "storage_location",
    #   "expected_return_on", "overdue"}]
    property_in_custody = models.JSONField(_("property in custody"), default=list, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = _user(_("acknowledged by"))
    flagged_at = models.DateTimeField(_("flagged unacknowledged"), null=True, blank=True)
    flagged_to = _user(_("flagged to"))

    notes = BilingualText()

    class Meta:
        ordering = ["-handed_over_at", "-pk"]
        verbose_name = _("shift hand-over")
        verbose_name_plural = _("shift hand-overs")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="handover_number_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "site", "handed_over_at"]),
            models.Index(fields=["organization", "acknowledged_at", "handed_over_at"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return f"{self.number} {self.handed_over_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:handover_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return str(self)

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class HandoverSettings(TenantModel):
    """The organization's time for acknowledging a hand-over; one row, missing means
    the default."""

    organization = models.OneToOneField(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organization"),
    )
    acknowledge_within_hours = models.PositiveIntegerField(
        _("hand-over acknowledged within (hours)"), default=DEFAULT_ACKNOWLEDGE_HOURS
    )

    class Meta:
        verbose_name = _("hand-over settings")
        verbose_name_plural = _("hand-over settings")

    def __str__(self) -> str:
        return f"{self.organization_id} hand-over settings"
