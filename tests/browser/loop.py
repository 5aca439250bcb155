# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The second half of the improvement loop on a phone, in Chinese, shared by the browser
tests that raise a nonconformity their own way (by hand, by a failed inspection item):
the site manager plans a corrective action and records the disposition, the owner
completes it, the quality manager verifies it effective and closes the nonconformity."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect

from fuwu.improvement.models import Action
from tests.browser.helpers import PASSWORD


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


def close_the_loop(phone: Page, nc: Any, *, manager: Any, quality_username: str) -> Action:
    """From an open nonconformity to its closing; `manager` (site manager of its site,
    also the action's owner) and the quality manager log in with PASSWORD."""
    log_out(phone)
    log_in(phone, manager.username)
    # The site manager finds it, plans a corrective action and decides the disposition.
    phone.goto(f"/improvement/nonconformities/{nc.pk}/")
    expect(phone.locator("h3.card-title").first).to_contain_text(nc.description_zh[:8])
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
    log_in(phone, quality_username)
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
    return action
