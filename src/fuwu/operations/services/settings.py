"""The organization's response and resolution targets per type and priority."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models import Organization
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import require

from ..models import DEFAULT_TARGETS, OperationsSettings, target_key

# The largest targets accepted: a week to respond, a quarter to resolve.
MAX_RESPONSE_MINUTES = 7 * 24 * 60
MAX_RESOLUTION_HOURS = 90 * 24


def target_keys() -> list[tuple[str, str, str, int]]:
    """(key, kind, priority, default) for every target, responses then resolutions."""
    keys = []
    for which, index in (("response", 0), ("resolution", 1)):
        for kind, by_priority in DEFAULT_TARGETS.items():
            for priority, defaults in by_priority.items():
                keys.append((target_key(kind, priority, which), kind, priority, defaults[index]))
    return keys


def settings_of(organization: Organization) -> OperationsSettings:
    """The saved settings, or the defaults (unsaved) when there are none yet."""
    found = OperationsSettings.objects.filter(organization=organization).first()
    return found or OperationsSettings(organization=organization, targets={})


def settings_update(
    *, actor: Any, organization: Organization, data: dict[str, Any]
) -> OperationsSettings:
    """Set targets: `data` maps target keys (`response_complaint_high`: minutes,
    `resolution_complaint_high`: hours) to whole numbers; other keys are ignored."""
    require(actor, organization, "operations.manage_settings")
    targets: dict[str, int] = {}
    for key, _kind, _priority, _default in target_keys():
        if key not in data or data[key] is None:
            continue
        value = data[key]
        limit = MAX_RESPONSE_MINUTES if key.startswith("response_") else MAX_RESOLUTION_HOURS
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
            raise ValidationError(
                {key: _("Give a whole number from 1 to %(max)s.") % {"max": limit}}
            )
        targets[key] = value
    with transaction.atomic():
        current = (
            OperationsSettings.objects.select_for_update().filter(organization=organization).first()
        )
        before = snapshot(current) if current is not None else None
        if current is None:
            current = OperationsSettings(organization=organization, targets={})
        current.targets = {**current.targets, **targets}
        current.full_clean()
        current.save()
        after = snapshot(current)
        if before != after:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
                instance=current,
                before=before,
                after=after,
            )
        return current
