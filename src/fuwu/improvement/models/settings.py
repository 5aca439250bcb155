"""The organization's deadlines for nonconformities and actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel

DEFAULTS = {"disposition_days": 7, "overdue_days": 30, "verification_days": 30}


class ImprovementSettings(TenantModel):
    """One row per organization; missing means the defaults."""

    disposition_days = models.PositiveSmallIntegerField(
        _("disposition within (days)"),
        default=DEFAULTS["disposition_days"],
        help_text=_("Days from detection within which a nonconformity needs a disposition."),
    )
    overdue_days = models.PositiveSmallIntegerField(
        _("long overdue after (days)"),
        default=DEFAULTS["overdue_days"],
        help_text=_("Days past its due date after which an open action counts as long overdue."),
    )
    verification_days = models.PositiveSmallIntegerField(
        _("verify effectiveness after (days)"),
        default=DEFAULTS["verification_days"],
        help_text=_("Days after completion before a corrective or preventive action is verified."),
    )

    class Meta:
        verbose_name = _("improvement settings")
        verbose_name_plural = _("improvement settings")
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="improvement_settings_once")
        ]

    def __str__(self) -> str:
        return "improvement settings"
