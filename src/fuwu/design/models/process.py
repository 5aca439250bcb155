"""The contact process (3.3, 4.4.1): three stages, each with the activities the
organization plans for it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel
from fuwu.core.models.bilingual import BilingualText


class Stage(models.TextChoices):
    """The stages of the contact process (4.4.1 a to c), in the customer's order."""

    BEFORE = "before", _("Before service provision")
    DURING = "during", _("During service provision")
    AFTER = "after", _("After service provision")


STAGE_CLAUSES = {Stage.BEFORE: "4.4.1 a", Stage.DURING: "4.4.1 b", Stage.AFTER: "4.4.1 c"}


class ContactActivity(TenantModel):
    """An activity of one stage of the contact process. The standard's activities
    are seeded for every organization (`standard_key` set); the organization may
    add its own, reorder them and retire them."""

    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description_en = models.TextField(
        _("how it is planned (English)"),
        blank=True,
        help_text=_("Who does it, when and how: the plan this stage follows."),
    )
    description_zh = models.TextField(_("how it is planned (Chinese)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    standard_key = models.CharField(_("activity of the standard"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["stage", "order", "pk"]
        verbose_name = _("contact activity")
        verbose_name_plural = _("contact activities")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "standard_key"],
                condition=~models.Q(standard_key=""),
                name="contact_activity_standard_once",
            )
        ]
        indexes = [models.Index(fields=["organization", "stage", "order"])]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return self.name_en or self.name_zh

    name = BilingualText()
    description = BilingualText()
