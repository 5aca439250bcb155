"""Registers and the conformity dashboard on a phone (390 by 844 px): rows stack with
each cell labelled, so the status shows within the screen, and the filters fold
behind a "Filters" button instead of filling the first screen."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from fuwu.standard.loading import load_packaged_libraries
from tests.browser.helpers import ARTIFACTS, PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True
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


def log_in(page: Page, username: str) -> None:
    """Log in through the form; on a phone the menu is folded, so wait for the home page."""
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    expect(page.locator("[data-testid=home-cards]")).to_be_visible()


def assert_filters_folded(page: Page) -> None:
    """The filter form is hidden behind its button, which opens and closes it."""
    form = page.locator("[data-testid=filters]")
    toggle = page.locator("[data-testid=filters-toggle]")
    expect(toggle).to_be_visible()
    expect(form).to_be_hidden()
    panel = page.locator("#filters-panel")
    toggle.click()
    expect(form).to_be_visible()
    expect(panel).to_have_class(re.compile(r"\bcollapse\b.*\bshow\b"))  # opened, not opening
    toggle.click()
    expect(form).to_be_hidden()


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


def test_sites_register_on_a_phone(phone: Page, scene):
    log_in(phone, "alice")
    phone.goto("/sites/")
    assert_filters_folded(phone)
    # The first row, its status ("Active") included, is on the first screen.
    status = phone.locator("[data-testid=register-table] tbody tr").first.locator(
        "td[data-label=Active]"
    )
    expect(status).to_be_visible()
    expect(status).to_contain_text("Yes")
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["y"] + box["height"] <= PHONE["height"], f"the status is below the screen: {box}"
    # Each cell carries its column's heading.
    label = status.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Active"'
    no_sideways_scroll(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "sites-phone.png"))

    # A filter in use: the filters stay open, so the reader sees why rows are missing.
    phone.goto("/sites/?is_active=true")
    expect(phone.locator("[data-testid=filters]")).to_be_visible()


def test_conformity_dashboard_on_a_phone(phone: Page, scene):
    load_packaged_libraries()
    log_in(phone, "alice")
    phone.goto("/standard/conformity/")
    assert_filters_folded(phone)
    first = phone.locator("[data-testid=clause-table] tbody tr").first
    status = first.locator("td[data-label=Status] [data-status]")
    status.scroll_into_view_if_needed()
    expect(status).to_be_visible()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    no_sideways_scroll(phone)
    phone.screenshot(path=str(ARTIFACTS / "conformity-phone.png"))

    phone.goto("/standard/conformity/?status=not_assessed")
    expect(phone.locator("[data-testid=filters]")).to_be_visible()
