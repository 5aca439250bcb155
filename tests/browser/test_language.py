"""The interface language: English by default, Chinese at a click, kept on the user."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import log_in, log_out, nav_titles

pytestmark = pytest.mark.browser

# The sections and the administration links, in order; domain apps add links in between.
ENGLISH_NAV = [
    "Dashboard",
    "Leadership",
    "Resources",
    "Service design",
    "Operations",
    "Measurement",
    "Improvement",
    "Documents",
    "Conformity",
    "Sites",
    "Members",
    "Audit trail",
]
# Dashboard, Leadership, Service design, Sites, Members, Audit trail.
CHINESE_NAV = ["看板", "领导作用", "服务设计", "门店", "成员", "审计追踪"]


def switch_language(page: Page, code: str) -> None:
    page.locator(f"[data-testid=language-switcher] button[value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def in_order(wanted: list[str], titles: list[str]) -> bool:
    """Whether `wanted` appear in `titles` in this order (apps add links in between)."""
    remaining = iter(titles)
    return all(any(title == w for title in remaining) for w in wanted)


def assert_english(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "en")
    titles = nav_titles(page)
    assert in_order(ENGLISH_NAV, titles), f"expected {ENGLISH_NAV} in the sidebar: {titles}"
    expect(page.locator("[data-testid=language-switcher] button[value=en]")).to_have_class(
        "btn btn-primary"
    )


def assert_chinese(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("[data-testid=language-switcher] button[value=zh-hans]")).to_have_class(
        "btn btn-primary"
    )
    titles = nav_titles(page)
    missing = [text for text in CHINESE_NAV if text not in titles]
    assert not missing, f"Chinese navigation lacks {missing}; the sidebar shows {titles}"
    untranslated = [text for text in ENGLISH_NAV if text in titles]
    assert not untranslated, f"still in English: {untranslated}"


def test_switch_to_chinese_and_it_stays_after_logging_in_again(
    page: Page, scene, browser, live_server
):
    log_in(page, "alice")
    assert_english(page)

    switch_language(page, "zh-hans")
    scene.admin.refresh_from_db()
    assert scene.admin.language == "zh-hans"
    assert_chinese(page)

    # Same browser: log out and in again.
    log_out(page)
    log_in(page, "alice")
    assert_chinese(page)

    # Another browser asking for English (no language cookie): the saved choice wins.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        elsewhere = context.new_page()
        log_in(elsewhere, "alice")
        assert_chinese(elsewhere)
    finally:
        context.close()

    # And back to English.
    switch_language(page, "en")
    assert_english(page)
    scene.admin.refresh_from_db()
    assert scene.admin.language == "en"
