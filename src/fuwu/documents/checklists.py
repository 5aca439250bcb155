"""Required elements an approver must confirm before a document may be approved.

The service policy (SB/T 10382-2004, 4.2.3.1) has four. Other apps add theirs for
their own kind of document, keyed by the document's `subject_type` (a model
label) or by its category::

    register_checklist("design.servicespecification", [ChecklistItem(...), ...])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Category


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: Promise | str
    clause: str = ""  # the clause of SB/T 10382 the element comes from


CHECKLISTS: dict[str, tuple[ChecklistItem, ...]] = {}


def register_checklist(kind: str, items: Iterable[ChecklistItem]) -> None:
    """`kind`: a model label (matched against `subject_type`) or a category."""
    CHECKLISTS[kind] = tuple(items)


def checklist_for(document: Any) -> tuple[ChecklistItem, ...]:
    if document.subject_type and document.subject_type in CHECKLISTS:
        return CHECKLISTS[document.subject_type]
    return CHECKLISTS.get(document.category, ())


def missing_items(document: Any, confirmed: Iterable[str]) -> list[ChecklistItem]:
    confirmed = set(confirmed)
    return [item for item in checklist_for(document) if item.key not in confirmed]


POLICY_ELEMENTS = (
    ChecklistItem(
        "lasting_satisfaction", _("It aims at lasting customer satisfaction."), "4.2.3.1 a"
    ),
    ChecklistItem(
        "positioning",
        _("It states the service positioning, service features and service level."),
        "4.2.3.1 b",
    ),
    ChecklistItem(
        "brand_image", _("It covers the service brand and the organizational image."), "4.2.3.1 c"
    ),
    ChecklistItem("customer_contact", _("It fits the needs of customer contact."), "4.2.3.1 d"),
)

register_checklist(Category.POLICY, POLICY_ELEMENTS)
