# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The improvement loop on a phone, in Chinese: a site manager plans a corrective
action on a nonconformity, records the disposition and completes the action; the
quality manager verifies it effective and closes the nonconformity."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.improvement.models import Action, ActionStatus, NCStatus, Nonconformity
from fuwu.improvement.services import nonconformities as nc_services
from fuwu.improvement.services import settings as settings_services
from tests.browser.helpers import PASSWORD
from tests.factories import MembershipFactory, UserFactory

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


def member(scene, username, role, sites=None):
    user = MembershipFactory(
        user=UserFactory(username=username, password=PASSWORD, language="zh-hans"),
        organization=scene.org,
        role=role,
        **({"sites": sites} if sites else {}),
    ).user
    scene.users[username] = user
    return user


def log_in(page: Page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    expect(page.locator("[data-testid=home-cards]")).to_be_visible()


def log_out(page: Page) -> None:
    page.context.clear_cookies()


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


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

    # The site manager finds it, plans a corrective action and decides the disposition.
    log_in(phone, "zhao")
    phone.goto(f"/improvement/nonconformities/{nc.pk}/")
    expect(phone.locator("h3.card-title").first).to_contain_text("1208房入住时未清扫")
    expect(phone.locator("[data-testid=status]").first).to_have_text("待处理")
    phone.locator("[data-testid=plan-open]").click()
    form = phone.locator("[data-testid=plan-form]")
    form.locator("#id_kind").select_option("corrective")
    form.locator("#id_description_zh").fill("客房放房前由楼层领班签字确认检查单")
    form.locator("#id_owner").select_option(str(manager.pk))
    form.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    form.locator("[data-testid=plan-submit]").click()
    expect(phone.locator(".alert-success, .alert")).to_contain_text("措施已策划")
    action = Action.objects.get(nonconformity=nc)
    expect(phone.locator(f"[data-testid=action-{action.number}]")).to_contain_text("纠正措施")
    no_sideways_scroll(phone)
    phone.locator("#disposition summary").click()
    phone.locator("#id_disposition_zh").fill("重新清扫并检查该房；退还首晚房费")
    phone.locator("#disposition button[type=submit]").click()
    expect(phone.locator("#disposition")).to_contain_text("重新清扫并检查该房")
    # Closing is the quality manager's: the site manager has no button for it.
    expect(phone.locator("[data-testid=close]")).to_have_count(0)

    # The owner completes it.
    phone.locator(f"[data-testid=action-{action.number}]").click()
    phone.locator("#id_evidence_zh").fill("检查单自周一起使用")
    phone.locator("[data-testid=complete]").click()
    expect(phone.locator("[data-testid=status]").first).to_have_text("已完成")
    no_sideways_scroll(phone)
    log_out(phone)

    # The quality manager verifies it effective and closes the nonconformity.
    log_in(phone, "sun")
    phone.goto(f"/improvement/actions/{action.pk}/")
    phone.locator("input[name=effective][value='1']").check()
    phone.locator("#id_evidence_zh").fill("抽查十间房，全部已清扫")
    phone.locator("[data-testid=verify]").click()
    expect(phone.locator("[data-testid=status]").first).to_have_text("验证有效")
    expect(phone.locator("[data-testid=verifications]")).to_contain_text("有效")
    phone.locator("[data-testid=nonconformity-link]").click()
    phone.locator("[data-testid=close]").click()
    expect(phone.locator("[data-testid=status]").first).to_have_text("已关闭")
    no_sideways_scroll(phone)
    nc.refresh_from_db()
    action.refresh_from_db()
    assert nc.status == NCStatus.CLOSED and action.status == ActionStatus.EFFECTIVE
    assert Nonconformity.objects.get(pk=nc.pk).closed_by.username == "sun"
