"""Models of service design; only `fuwu.design.services` writes them."""

from .characteristics import TANGIBLE_KEYS, Characteristic, CharacteristicKey, Indicator, Kind
from .contact_points import PHYSICAL_CHANNELS, Channel, ContactPoint, ContactPointStatus
from .process import STAGE_CLAUSES, ContactActivity, Stage
from .specifications import (
    CATEGORIES,
    CATEGORY_CHARACTERISTIC,
    CATEGORY_CLAUSES,
    KIND_CLAUSES,
    Frequency,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
)

__all__ = [
    "CATEGORIES",
    "CATEGORY_CHARACTERISTIC",
    "CATEGORY_CLAUSES",
    "KIND_CLAUSES",
    "PHYSICAL_CHANNELS",
    "STAGE_CLAUSES",
    "TANGIBLE_KEYS",
    "Channel",
    "Characteristic",
    "CharacteristicKey",
    "ContactActivity",
    "ContactPoint",
    "ContactPointStatus",
    "Frequency",
    "Indicator",
    "ItemCategory",
    "Kind",
    "Specification",
    "SpecificationItem",
    "SpecificationKind",
    "Stage",
]
