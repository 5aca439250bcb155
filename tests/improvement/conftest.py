"""Helpers for the improvement tests: a nonconformity and its actions in one call."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from fuwu.improvement.services import actions as action_services
from fuwu.improvement.services import nonconformities as nc_services
from fuwu.improvement.services import settings as settings_services


def raise_nc(world: Any, *, site: int = 0, actor: str = "staff", **extra: Any):
    data = {
        "description_en": "Room 512 not cleaned before check-in",
        "description_zh": "512房入住前未清扫",
        "severity": "major",
        "characteristic": "environment",
        "source": "manual",
    } | extra
    return nc_services.raise_nonconformity(
        actor=world.users[actor],
        organization=world.org,
        site=world.sites[site],
        **data,
    )


def plan(
    world: Any,
    nc: Any,
    *,
    kind: str = "corrective",
    owner: str = "staff",
    actor: str = "manager",
    due: int = 7,
):
    return action_services.action_plan(
        actor=world.users[actor],
        organization=world.org,
        kind=kind,
        nonconformity=nc,
        owner=world.users[owner],
        due_on=timezone.localdate() + timedelta(days=due),
        description_en="Check list for housekeeping before release",
        description_zh="客房放房前检查清单",
    )


def complete(world: Any, action: Any, actor: str = "staff"):
    return action_services.action_complete(
        actor=world.users[actor], action=action, evidence_en="Checklist in use since Monday"
    )


def verify(
    world: Any,
    action: Any,
    *,
    effective: bool = True,
    actor: str = "quality",
    due_on: date | None = None,
):
    return action_services.action_verify(
        actor=world.users[actor],
        action=action,
        effective=effective,
        evidence_en="Ten rooms inspected, all clean" if effective else "Two rooms found dirty",
        due_on=due_on,
    )


def dispose(world: Any, nc: Any, actor: str = "manager"):
    return nc_services.nonconformity_dispose(
        actor=world.users[actor],
        nonconformity=nc,
        disposition_en="Guest moved to a clean room; one night refunded",
        customer_informed=True,
    )


@pytest.fixture
def no_wait(world):
    """Verification allowed on the day of completion (the waiting time set to 0)."""
    settings_services.settings_update(
        actor=world.users["quality"], organization=world.org, data={"verification_days": 0}
    )
