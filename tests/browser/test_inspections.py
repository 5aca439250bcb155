"""The whole loop on a phone, in Chinese: front-line staff start an inspection round at
their site, check each item (one measured value misses its criterion) and complete the
round; the nonconformity it raised appears, linked from the failed item; the site
manager plans a corrective action, the quality manager verifies it and the
nonconformity closes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from fuwu.core.models import Role
from fuwu.design import services as design
from fuwu.improvement.models import ActionStatus, NCStatus, Nonconformity
from fuwu.improvement.services import settings as settings_services
from fuwu.measurement.models import InspectionRound
from tests.browser.helpers import PASSWORD
from tests.browser.loop import close_the_loop
from tests.factories import MembershipFactory, UserFactory
from tests.measurement.conftest import controlled_point

pytestmark = pytest.mark.browser


def test_a_failed_inspection_item_runs_the_loop_to_closing(scene, phone):
    design.seed_reference_data(scene.org)
    quality = MembershipFactory(
        user=UserFactory(username="sun"), organization=scene.org, role=Role.QUALITY_MANAGER
    ).user
    staff = MembershipFactory(
        user=UserFactory(username="wang", password=PASSWORD, language="zh-hans"),
        organization=scene.org,
        role=Role.STAFF,
        all_sites=False,
        sites=[scene.sites[0]],
    ).user
    world = SimpleNamespace(
        org=scene.org, sites=scene.sites, users={"quality": quality, "admin": scene.admin}
    )
    point = controlled_point(world)

    page = phone
    page.goto("/login/")
    page.fill("#id_username", "wang")
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    expect(page.locator("[data-testid=home-cards]")).to_be_visible()

    page.goto("/measurement/inspections/start/")
    expect(page.locator("h1")).to_have_text("开始检查")
    page.select_option("#id_site", str(scene.sites[0].pk))
    page.select_option("#id_contact_point", str(point.pk))
    page.locator("[data-testid=round-start-form] button[type=submit]").click()
    items = page.locator("[data-testid=inspection-item]")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text("柜台等候时间")

    # The waiting time is measured: 8 minutes against "≤ 5 min" fails by itself.
    first = items.nth(0)
    first.locator("input[name$=measured_value]").fill("8")
    first.locator("textarea[name$=note]").fill("早高峰只开了一个柜台")
    first.locator("[data-testid=record-item]").click()
    expect(items.nth(0).locator("[data-testid=outcome]")).to_have_text("未通过")
    for index in (1, 2):
        item = page.locator("[data-testid=inspection-item]").nth(index)
        item.locator("[data-testid=outcome-pass]").click()
        item.locator("[data-testid=record-item]").click()
        expect(
            page.locator("[data-testid=inspection-item]")
            .nth(index)
            .locator("[data-testid=outcome]")
        ).to_have_text("通过")

    page.locator("[data-testid=complete-round]").click()
    expect(page.locator("[data-testid=round-status]")).to_contain_text("已完成")
    expect(page.locator("[data-testid=failed-count]")).to_contain_text("1")
    link = page.locator("[data-testid=nonconformity] a")
    nc = Nonconformity.objects.get(source_type="inspection")
    expect(link).to_have_text(nc.number)
    round = InspectionRound.objects.get()
    assert (round.performed_by, nc.site, nc.contact_point) == (staff, scene.sites[0], point)
    assert "柜台等候时间" in nc.description_zh and nc.immediate_remedy_zh == "立即致歉并服务"
    link.click()
    expect(page.locator("body")).to_contain_text(nc.number)

    # The site manager and the quality manager take it from there to its closing.
    settings_services.settings_update(
        actor=scene.admin, organization=scene.org, data={"verification_days": 0}
    )
    manager = MembershipFactory(
        user=UserFactory(username="zhao", password=PASSWORD, language="zh-hans"),
        organization=scene.org,
        role=Role.SITE_MANAGER,
        all_sites=False,
        sites=[scene.sites[0]],
    ).user
    MembershipFactory(
        user=UserFactory(username="qian", password=PASSWORD, language="zh-hans"),
        organization=scene.org,
        role=Role.QUALITY_MANAGER,
    )
    action = close_the_loop(page, nc, manager=manager, quality_username="qian")
    nc.refresh_from_db()
    action.refresh_from_db()
    assert (nc.status, action.status) == (NCStatus.CLOSED, ActionStatus.EFFECTIVE)
