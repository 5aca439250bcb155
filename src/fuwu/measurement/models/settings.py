"""The organization's choices for measurement: how failed inspection items become
nonconformities, and the length of the internal audit cycle."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel


class NonconformityGrain(models.TextChoices):
    ITEM = "item", _("One nonconformity per failed item")
    ROUND = "round", _("One nonconformity per inspection round")


class MeasurementSettings(TenantModel):
    """One row per organization, created when first changed (defaults otherwise)."""

    organization = models.OneToOneField(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organization"),
    )
    nonconformity_grain = models.CharField(
        _("nonconformities from inspections"),
        max_length=10,
        choices=NonconformityGrain.choices,
        default=NonconformityGrain.ITEM,
    )
    audit_cycle_months = models.PositiveSmallIntegerField(
        _("internal audit cycle (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Every applicable clause is audited at least once in this time."),
    )

    min_responses = models.PositiveIntegerField(
        _("responses needed per contact point"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
        help_text=_(
            "Each active contact point counts as measured (4.5.1 b) with at least this many "
            "customer evaluations in the last 90 days."
        ),
    )
    satisfaction_target = models.PositiveSmallIntegerField(
        _("satisfaction target (index 0-100)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Below this the dashboards mark a satisfaction index and offer an action."),
    )

    class Meta:
        verbose_name = _("measurement settings")
        verbose_name_plural = _("measurement settings")

    def __str__(self) -> str:
        return f"{self.organization_id} measurement settings"
