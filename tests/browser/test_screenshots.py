"""Screenshots of the dashboard in both languages, for people to look at.

Saved to test-artifacts/ at the repository root (git-ignored; CI can keep them)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS, log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_dashboard_screenshot(page: Page, scene, language: str):
    log_in(page, "alice")
    if language != "en":
        page.locator(f"[data-testid=language-switcher] button[value={language}]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("[data-testid=count-sites]")).to_have_text("3")
    # Nothing sticks out sideways on a laptop screen.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the dashboard is {overflow}px wider than the window"
    page.evaluate("document.fonts.ready")
    # A window as tall as the page rather than a full-page capture, which would cut
    # the sidebar (fixed, one window high) short.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1366, "height": max(900, height)})
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"dashboard-{language}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
