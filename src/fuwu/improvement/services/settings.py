"""The organization's deadlines (disposition, long overdue, verification waiting time)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fuwu.core.models import Organization
from fuwu.core.permissions import require
from fuwu.core.services import record_create, record_update

from ..models import DEFAULTS, ImprovementSettings

FIELDS = tuple(DEFAULTS)


def settings_for(organization: Organization) -> ImprovementSettings:
    """The saved settings, or the defaults (unsaved) when there are none yet."""
    found = ImprovementSettings.objects.filter(organization=organization).first()
    return found or ImprovementSettings(organization=organization, **DEFAULTS)


def settings_update(
    *, actor: Any, organization: Organization, data: dict[str, Any]
) -> ImprovementSettings:
    require(actor, organization, "improvement.manage_settings")
    fields = {k: v for k, v in data.items() if k in FIELDS}
    with transaction.atomic():
        current = (
            ImprovementSettings.objects.select_for_update()
            .filter(organization=organization)
            .first()
        )
        if current is None:
            return record_create(
                ImprovementSettings,
                actor=actor,
                data=DEFAULTS | fields | {"organization": organization},
            )
        return record_update(current, actor=actor, data=fields)
