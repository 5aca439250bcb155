"""Helpers for the measurement tests: a contact point with an approved control
specification whose inspection items have numeric and plain criteria."""

from __future__ import annotations

from typing import Any

import pytest

from fuwu.design import services as design
from fuwu.design.models import ContactPoint, Specification
from fuwu.documents import services as documents
from fuwu.documents.checklists import checklist_for

ITEMS = [
    (
        "inspection",
        "Waiting time at the counter",
        "柜台等候时间",
        {
            "method_en": "Observation",
            "method_zh": "观察",
            "frequency": "weekly",
            "criterion_en": "≤ 5 min",
            "criterion_zh": "≤ 5 分钟",
        },
    ),
    (
        "inspection",
        "Counter clean and dry",
        "柜台清洁干燥",
        {"method_en": "Look", "frequency": "weekly", "criterion_en": "No spills"},
    ),
    (
        "inspection",
        "Guests rating the desk",
        "顾客评价前台",
        {"method_en": "QR", "frequency": "monthly", "criterion_en": "at least 90%"},
    ),
    ("nonconformity", "Apologize and serve at once", "立即致歉并服务", {}),
    ("analysis", "Waiting times by week", "按周统计等候时间", {"frequency": "weekly"}),
    ("improvement", "Team review monthly", "每月团队评审", {"frequency": "monthly"}),
]


def approve(world: Any, specification: Specification) -> None:
    version = specification.document.versions.get(status="draft")
    documents.version_submit(actor=world.users["quality"], version=version)
    documents.version_approve(
        actor=world.users["admin"],
        version=version,
        confirmed=[item.key for item in checklist_for(specification.document)],
    )


def write_items(world: Any, spec: Specification, items: list = ITEMS) -> None:
    for category, english, chinese, extra in items:
        design.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": category, "text_en": english, "text_zh": chinese} | extra,
        )


def controlled_point(world: Any, code: str = "FD") -> ContactPoint:
    point = design.contact_point_create(
        actor=world.users["quality"],
        organization=world.org,
        data={
            "code": code,
            "name_en": f"Front desk {code}",
            "name_zh": f"前台 {code}",
            "stage": "during",
            "manned": True,
            "channel": "in_person",
            "status": "active",
            "sites": world.sites[:2],
        },
    )
    spec = design.specification_start(actor=world.users["quality"], point=point, kind="control")
    write_items(world, spec)
    approve(world, spec)
    return point


@pytest.fixture(autouse=True)
def reference_data(request: Any) -> None:
    """Organizations made by the factories get what `organization_create` gives (the
    demo's modules have theirs from the demo; a program test has a database of its own)."""
    if "demo" in request.fixturenames or request.node.get_closest_marker("program"):
        return
    world = request.getfixturevalue("world")
    design.seed_reference_data(world.org)
    design.seed_reference_data(world.other_org)


@pytest.fixture
def point(world: Any) -> ContactPoint:
    return controlled_point(world)
