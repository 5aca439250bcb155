"""Inspection rounds (4.5.1 a): the control specification's inspection items, as they
were in the approved version the round was generated from, and what was found.

A round copies its items (both languages) and keeps a reference to the specification
version and the site's addendum version it answers to: a later approved version
never rewrites a past round.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText
from fuwu.design.models import ContactPoint, Frequency


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    MYSTERY_SHOPPER = "mystery_shopper", _("Mystery-shopper visit")


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not yet checked")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class InspectionRound(TenantModel):
    """One inspection of a contact point at a site, due on a day."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    kind = models.CharField(
        _("type"), max_length=20, choices=InspectionKind.choices, default=InspectionKind.INSPECTION
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="+", verbose_name=_("contact point")
    )
    specification_version = models.ForeignKey(
        "documents.DocumentVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("control specification version"),
    )
    addendum_version = models.ForeignKey(
        "documents.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site addendum version"),
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=20,
        choices=Frequency.choices,
        blank=True,
        help_text=_("Empty: an unscheduled round with every inspection item."),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )
    overdue = models.BooleanField(
        _("overdue"), default=False, help_text=_("Flagged by the worker when its period ended.")
    )
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("performed by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # What the control specification prescribes when an item fails (4.4.3.4 b).
    reaction_en = models.TextField(_("reaction (English)"), blank=True)
    reaction_zh = models.TextField(_("reaction (Chinese)"), blank=True)

    class Meta:
        ordering = ["-due_on", "-pk"]
        verbose_name = _("inspection round")
        verbose_name_plural = _("inspection rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="inspection_round_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "site", "contact_point", "frequency", "due_on"]),
            models.Index(fields=["organization", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    reaction = BilingualText()

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.PLANNED


class InspectionResult(TenantModel):
    """One inspection item of a round: the requirement as approved, and the finding."""

    tenant_site_field = "site"

    round = models.ForeignKey(
        InspectionRound, on_delete=models.CASCADE, related_name="results", verbose_name=_("round")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    source_item_id = models.PositiveIntegerField(null=True, blank=True)
    from_addendum = models.BooleanField(_("from the site's addendum"), default=False)
    text_en = models.TextField(_("what is checked (English)"), blank=True)
    text_zh = models.TextField(_("what is checked (Chinese)"), blank=True)
    criterion_en = models.CharField(_("criterion (English)"), max_length=300, blank=True)
    criterion_zh = models.CharField(_("criterion (Chinese)"), max_length=300, blank=True)
    method_en = models.CharField(_("method (English)"), max_length=300, blank=True)
    method_zh = models.CharField(_("method (Chinese)"), max_length=300, blank=True)
    responsible_en = models.CharField(_("who (English)"), max_length=200, blank=True)
    responsible_zh = models.CharField(_("who (Chinese)"), max_length=200, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    characteristic = models.CharField(_("characteristic"), max_length=20, blank=True)
    outcome = models.CharField(
        _("result"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    measured_value = models.DecimalField(
        _("measured value"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    photo = models.ForeignKey(
        "core.Attachment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # The nonconformity this failure raised (improvement app), for the link back.
    nonconformity_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")
        indexes = [models.Index(fields=["organization", "outcome"])]

    def __str__(self) -> str:
        text = (self.text_en or self.text_zh).strip().replace("\n", " ")
        return f"{self.round_id}: {text[:80]}"

    text = BilingualText()

    criterion = BilingualText()

    method = BilingualText()

    responsible = BilingualText()
