"""The organization's own shape of the contact process and of the characteristic
model: its activities per stage, characteristic names and indicators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, User
from fuwu.core.permissions import require
from fuwu.core.services import record_create, record_delete, record_update

from ..models import Characteristic, ContactActivity, Indicator, SpecificationItem

ACTIVITY_FIELDS = (
    "stage",
    "name_en",
    "name_zh",
    "description_en",
    "description_zh",
    "order",
    "is_active",
)
CHARACTERISTIC_FIELDS = ("name_en", "name_zh")
INDICATOR_FIELDS = ("characteristic", "name_en", "name_zh", "order", "is_active")


def _pick(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k in names}
    for name in ("name_en", "name_zh"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    return fields


def _named(fields: dict[str, Any], instance: Any = None) -> None:
    names = [fields.get(n, getattr(instance, n, "")) for n in ("name_en", "name_zh")]
    if not any(str(n or "").strip() for n in names):
        raise ValidationError({"name_en": _("Give a name in English or Chinese.")})


# -- contact activities (4.4.1) ---------------------------------------------------------


def activity_create(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> ContactActivity:
    require(actor, organization, "design.manage_model")
    fields = _pick(data, ACTIVITY_FIELDS)
    _named(fields)
    if "order" not in fields or fields["order"] is None:
        last = (
            ContactActivity.objects.filter(organization=organization, stage=fields.get("stage"))
            .order_by("-order")
            .first()
        )
        fields["order"] = (last.order if last else 0) + 10
    return record_create(ContactActivity, actor=actor, data=fields | {"organization": organization})


def activity_update(
    *, actor: User, activity: ContactActivity, data: dict[str, Any]
) -> ContactActivity:
    require(actor, activity.organization, "design.manage_model")
    fields = _pick(data, ACTIVITY_FIELDS)
    if activity.standard_key and fields.get("stage", activity.stage) != activity.stage:
        raise ValidationError(
            {"stage": _("An activity of the standard stays in the stage the standard gives it.")}
        )
    _named(fields, activity)
    return record_update(activity, actor=actor, data=fields)


def activity_delete(*, actor: User, activity: ContactActivity) -> None:
    require(actor, activity.organization, "design.manage_model")
    if activity.standard_key:
        raise ValidationError(
            _("The activities of the standard are not deleted; untick Active to retire one.")
        )
    record_delete(activity, actor=actor)


def activity_move(*, actor: User, activity: ContactActivity, up: bool) -> ContactActivity:
    """Swap places with the neighbouring activity of the same stage."""
    require(actor, activity.organization, "design.manage_model")
    with transaction.atomic():
        siblings = list(
            ContactActivity.objects.select_for_update()
            .filter(organization=activity.organization, stage=activity.stage)
            .order_by("order", "pk")
        )
        index = next(i for i, a in enumerate(siblings) if a.pk == activity.pk)
        other = index - 1 if up else index + 1
        if other < 0 or other >= len(siblings):
            return activity
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position * 10:
                record_update(sibling, actor=actor, data={"order": position * 10})
        return next(s for s in siblings if s.pk == activity.pk)


# -- characteristics and indicators (3.7, A.4.2.2) --------------------------------------


def characteristic_update(
    *, actor: User, characteristic: Characteristic, data: dict[str, Any]
) -> Characteristic:
    """Rename a characteristic; its key and kind stay those of the standard."""
    require(actor, characteristic.organization, "design.manage_model")
    fields = _pick(data, CHARACTERISTIC_FIELDS)
    _named(fields, characteristic)
    return record_update(characteristic, actor=actor, data=fields)


def _own_characteristic(organization: Organization, characteristic: Any) -> None:
    if characteristic is None or characteristic.organization_id != organization.pk:
        raise ValidationError(
            {"characteristic": _("Choose a characteristic of this organization.")}
        )


def indicator_create(*, actor: User, organization: Organization, data: dict[str, Any]) -> Indicator:
    require(actor, organization, "design.manage_model")
    fields = _pick(data, INDICATOR_FIELDS)
    _own_characteristic(organization, fields.get("characteristic"))
    _named(fields)
    if fields.get("order") is None:
        last = fields["characteristic"].indicators.order_by("-order").first()
        fields["order"] = (last.order if last else 0) + 10
    return record_create(Indicator, actor=actor, data=fields | {"organization": organization})


def indicator_update(*, actor: User, indicator: Indicator, data: dict[str, Any]) -> Indicator:
    """Rename, reorder or retire (is_active False) an indicator; the history keeps
    what it was called before."""
    require(actor, indicator.organization, "design.manage_model")
    fields = _pick(data, INDICATOR_FIELDS)
    if "characteristic" in fields:
        _own_characteristic(indicator.organization, fields["characteristic"])
        if fields["characteristic"] != indicator.characteristic and _referred_to(indicator):
            raise ValidationError(
                {
                    "characteristic": _(
                        "Specification items refer to this indicator; it stays with its "
                        "characteristic."
                    )
                }
            )
    _named(fields, indicator)
    return record_update(indicator, actor=actor, data=fields)


def _referred_to(indicator: Indicator) -> bool:
    return SpecificationItem.objects.filter(indicator=indicator).exists()


def indicator_delete(*, actor: User, indicator: Indicator) -> None:
    """Only an indicator nothing refers to; one that specifications (and later
    evaluations) name is retired instead, never silently deleted."""
    require(actor, indicator.organization, "design.manage_model")
    if _referred_to(indicator):
        raise ValidationError(
            _(
                "Specification items refer to this indicator, so it cannot be deleted: "
                "untick Active to retire it."
            )
        )
    record_delete(indicator, actor=actor)
