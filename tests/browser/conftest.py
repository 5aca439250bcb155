"""Browser tests: Playwright driving Debian Chromium against pytest-django's live server.

One browser for the whole session, a fresh context (cookies, downloads) per test.
Without /usr/bin/chromium the tests skip, unless FUWU_REQUIRE_BROWSER=1 (as in CI),
where they fail instead: CI must never pass with the browser tests silently skipped.
We never run `playwright install`; the Debian package is the browser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fuwu.core import services
from fuwu.core.models import Organization, Role, Site, User
from tests.browser.helpers import PASSWORD
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_required() -> bool:
    return os.environ.get("FUWU_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        reason = f"{CHROMIUM} not found: install Debian's chromium package to run browser tests"
        if browser_required():
            pytest.fail(f"FUWU_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in the main thread; Django would
    # then refuse the ORM calls the tests make themselves (factories, assertions).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Problems:
    """What went wrong in the page besides the test's own assertions."""

    console_errors: list[str] = field(default_factory=list)
    failed_assets: list[str] = field(default_factory=list)


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server) -> Iterator[object]:
    """A phone-sized page in Chinese (zh-CN): the front line's device and language.
    Fails the test on any error in the browser console."""
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


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser, live_server, problems: Problems) -> Iterator[object]:
    """A page in a new context: English browser, laptop-sized window, downloads on."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        viewport={"width": 1366, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()

    def on_console(message) -> None:
        # Pages answering 400 (invalid forms) log "Failed to load resource"; that
        # is the test's business. Anything else is a script error.
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.console_errors.append(message.text)

    def on_response(response) -> None:
        if "/static/" in response.url and response.status >= 400:
            problems.failed_assets.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.console_errors.append(str(error)))
    page.on("response", on_response)

    def on_request_failed(request) -> None:
        # ERR_ABORTED: the page moved on before, say, a font finished loading.
        if "/static/" in request.url and "ERR_ABORTED" not in (request.failure or ""):
            problems.failed_assets.append(f"{request.failure} {request.url}")

    page.on("requestfailed", on_request_failed)
    try:
        yield page
    finally:
        context.close()
    assert not problems.failed_assets, f"static files failed to load: {problems.failed_assets}"
    assert not problems.console_errors, f"errors in the browser console: {problems.console_errors}"


@dataclass
class Scene:
    org: Organization
    admin: User
    sites: list[Site]
    password: str = PASSWORD
    users: dict[str, User] = field(default_factory=dict)


@pytest.fixture
def scene(transactional_db) -> Scene:
    """An organization with three sites (created through services, so the audit
    trail has entries) and an administrator with a real password."""
    org = OrganizationFactory(name_en="Lakeside Hotels", name_zh="湖畔酒店集团", slug="lakeside")
    admin = MembershipFactory(
        user=UserFactory(username="alice", first_name="Alice", last_name="Wang", password=PASSWORD),
        organization=org,
        role=Role.ADMIN,
    ).user
    sites = [
        services.site_create(
            actor=admin,
            organization=org,
            data={"code": code, "name_en": en, "name_zh": zh, "address": address},
        )
        for code, en, zh, address in [
            ("WL", "Lakeside Hotel West Lake", "湖畔酒店西湖店", "1 Beishan Road, Hangzhou"),
            ("BD", "Lakeside Hotel Bund", "湖畔酒店外滩店", "8 Zhongshan Road, Shanghai"),
            ("GZ", "Lakeside Hotel Pearl River", "湖畔酒店珠江店", "3 Yanjiang Road, Guangzhou"),
        ]
    ]
    return Scene(org=org, admin=admin, sites=sites, users={"alice": admin})
