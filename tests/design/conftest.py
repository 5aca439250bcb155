"""Helpers for the service design tests: contact points and approved specifications."""

from __future__ import annotations

from typing import Any

import pytest

from fuwu.design import services
from fuwu.design.models import (
    CATEGORIES,
    ContactPoint,
    ItemCategory,
    Specification,
    SpecificationKind,
)
from fuwu.documents import services as documents
from fuwu.documents.checklists import checklist_for


def make_point(world: Any, code: str = "FD", actor: str = "quality", **data: Any) -> ContactPoint:
    fields = {
        "code": code,
        "name_en": f"Front desk {code}",
        "name_zh": f"前台 {code}",
        "stage": "during",
        "manned": True,
        "channel": "in_person",
        "status": "active",
        "sites": world.sites[:2],
    } | data
    return services.contact_point_create(
        actor=world.users[actor], organization=world.org, data=fields
    )


INSPECTION = {"method_en": "Mystery guest", "frequency": "monthly", "criterion_en": "≥ 95 %"}


def fill(world: Any, specification: Specification, actor: str = "quality") -> None:
    """One item in every category of the specification."""
    for category in CATEGORIES[specification.kind]:
        extra = {
            ItemCategory.INSPECTION: INSPECTION,
            ItemCategory.ANALYSIS: {"frequency": "quarterly"},
        }.get(category, {})
        services.item_create(
            actor=world.users[actor],
            specification=specification,
            data={"category": category, "text_en": f"Requirement for {category}"} | extra,
        )


def approve(world: Any, specification: Specification, author: str = "quality") -> None:
    """Submit the open draft (by `author`) and approve it (by the administrator)."""
    version = specification.document.versions.get(status="draft")
    documents.version_submit(actor=world.users[author], version=version)
    documents.version_approve(
        actor=world.users["admin"],
        version=version,
        confirmed=[item.key for item in checklist_for(specification.document)],
    )


def specified(world: Any, point: ContactPoint, kinds: Any = None) -> list[Specification]:
    """Start, fill and approve the point's specifications."""
    made = []
    for kind in kinds or SpecificationKind.values:
        spec = services.specification_start(actor=world.users["quality"], point=point, kind=kind)
        fill(world, spec)
        approve(world, spec)
        spec.refresh_from_db()
        made.append(spec)
    return made


@pytest.fixture
def point(world: Any) -> ContactPoint:
    return make_point(world)


@pytest.fixture(autouse=True)
def reference_data(world: Any) -> None:
    """Organizations made by the factories get what `organization_create` gives."""
    services.seed_reference_data(world.org)
    services.seed_reference_data(world.other_org)
