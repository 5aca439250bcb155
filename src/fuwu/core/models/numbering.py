"""Human-readable record numbers per organization, type and year (NC-2026-0042)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    organization = models.ForeignKey(
        "core.Organization", on_delete=models.CASCADE, related_name="+"
    )
    prefix = models.CharField(_("prefix"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "prefix", "year"], name="number_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}-{self.last:04d}"
