"""The organization's choices for operations: the response and resolution targets
per type and priority (4.2.2). One row per organization, created when first changed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel

from .choices import Priority, RequestKind

# Minutes to the first response and hours to the resolution, per type and priority.
DEFAULT_TARGETS: dict[str, dict[str, tuple[int, int]]] = {
    RequestKind.REQUEST: {
        Priority.URGENT: (5, 1),
        Priority.HIGH: (15, 4),
        Priority.NORMAL: (30, 24),
    },
    RequestKind.ENQUIRY: {
        Priority.URGENT: (5, 1),
        Priority.HIGH: (15, 4),
        Priority.NORMAL: (60, 24),
    },
    RequestKind.COMPLAINT: {
        Priority.URGENT: (15, 24),
        Priority.HIGH: (60, 72),
        Priority.NORMAL: (240, 168),
    },
    RequestKind.COMPLIMENT: {
        Priority.URGENT: (60, 24),
        Priority.HIGH: (240, 72),
        Priority.NORMAL: (1440, 168),
    },
}


def target_key(kind: str, priority: str, which: str) -> str:
    """`response_complaint_high`: the name of one target (minutes or hours)."""
    return f"{which}_{kind}_{priority}"


class OperationsSettings(TenantModel):
    """One row per organization; missing means the defaults."""

    organization = models.OneToOneField(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organization"),
    )
    # {"response_complaint_high": 60, "resolution_complaint_high": 72, ...}; a missing
    # key takes its default.
    targets = models.JSONField(_("response and resolution targets"), default=dict, blank=True)

    class Meta:
        verbose_name = _("operations settings")
        verbose_name_plural = _("operations settings")

    def __str__(self) -> str:
        return f"{self.organization_id} operations settings"

    def response_minutes(self, kind: str, priority: str) -> int:
        default = DEFAULT_TARGETS[kind][priority][0]
        return int(self.targets.get(target_key(kind, priority, "response"), default))

    def resolution_hours(self, kind: str, priority: str) -> int:
        default = DEFAULT_TARGETS[kind][priority][1]
        return int(self.targets.get(target_key(kind, priority, "resolution"), default))
