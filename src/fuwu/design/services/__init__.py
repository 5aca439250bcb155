"""Every write of service design: keyword-only, one transaction, audited."""

from .contact_points import contact_point_create, contact_point_delete, contact_point_update
from .model import (
    activity_create,
    activity_delete,
    activity_move,
    activity_update,
    characteristic_update,
    indicator_create,
    indicator_delete,
    indicator_update,
)
from .reference import seed_all_organizations, seed_reference_data
from .specifications import (
    category_not_applicable,
    copy_items,
    item_create,
    item_delete,
    item_move,
    item_update,
    specification_start,
)

__all__ = [
    "activity_create",
    "activity_delete",
    "activity_move",
    "activity_update",
    "category_not_applicable",
    "characteristic_update",
    "contact_point_create",
    "contact_point_delete",
    "contact_point_update",
    "copy_items",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "item_create",
    "item_delete",
    "item_move",
    "item_update",
    "seed_all_organizations",
    "seed_reference_data",
    "specification_start",
]
