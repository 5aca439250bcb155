"""The improvement loop on a phone, in Chinese: a site manager plans a corrective
action on a nonconformity, records the disposition and completes the action; the
quality manager verifies it effective and closes the nonconformity."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from fuwu.core.models import Role
from fuwu.improvement.models import ActionStatus, NCStatus, Nonconformity
from fuwu.improvement.services import nonconformities as nc_services
from fuwu.improvement.services import settings as settings_services
from tests.browser.helpers import PASSWORD
from tests.browser.loop import close_the_loop
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def member(scene, username, role, sites=None):
    user = MembershipFactory(
        user=UserFactory(username=username, password=PASSWORD, language="zh-hans"),
        organization=scene.org,
        role=role,
        **({"sites": sites} if sites else {}),
    ).user
    scene.users[username] = user
    return user


def test_the_loop_on_a_phone_in_chinese(phone: Page, scene):
    west_lake = scene.sites[0]
    manager = member(scene, "zhao", Role.SITE_MANAGER, [west_lake])
    staff = member(scene, "wang", Role.STAFF, [west_lake])
    member(scene, "sun", Role.QUALITY_MANAGER)
    # Verified on the day it is completed: the waiting time set to none for the test.
    settings_services.settings_update(
        actor=scene.admin, organization=scene.org, data={"verification_days": 0}
    )
    nc = nc_services.raise_nonconformity(
        actor=staff,
        organization=scene.org,
        site=west_lake,
        source="manual",
        description_en="Room 1208 not cleaned on arrival",
        description_zh="1208房入住时未清扫",
        severity="major",
        characteristic="environment",
        immediate_remedy_zh="立即为客人换房",
    )

    action = close_the_loop(phone, nc, manager=manager, quality_username="sun")
    nc.refresh_from_db()
    action.refresh_from_db()
    assert nc.status == NCStatus.CLOSED and action.status == ActionStatus.EFFECTIVE
    assert Nonconformity.objects.get(pk=nc.pk).closed_by.username == "sun"
