"""Steps the browser tests share: logging in and out through the real forms."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

PASSWORD = "Correct-Horse-42"  # a test password, typed into the login form
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the form at /login/ and wait for the application shell."""
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form:has(#id_password) button[type=submit]").click()
    expect(page.locator("[data-testid=main-nav]")).to_be_visible()


def log_out(page: Page) -> None:
    """Log out through the account menu and wait for the login form."""
    page.locator("[data-testid=account-menu]").click()
    page.locator("form[action='/logout/'] button").click()
    expect(page.locator("#id_username")).to_be_visible()


def nav_titles(page: Page) -> list[str]:
    """The texts of the sidebar: section titles and the administration links."""
    return [t.strip() for t in page.locator("[data-testid=main-nav] a").all_inner_texts()]
