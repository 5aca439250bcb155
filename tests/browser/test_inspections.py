"""On a phone, in Chinese: front-line staff start an inspection round at their site,
check each item (one measured value misses its criterion), complete the round, and
the nonconformity it raised appears, linked from the failed item."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.design import services as design
from fuwu.improvement.models import Nonconformity
from fuwu.measurement.models import InspectionRound
from tests.browser.helpers import PASSWORD
from tests.factories import MembershipFactory, UserFactory
from tests.measurement.conftest import controlled_point

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"errors in the browser console: {errors}"


def test_staff_inspect_in_chinese_and_a_failed_item_raises_a_nonconformity(scene, phone):
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
