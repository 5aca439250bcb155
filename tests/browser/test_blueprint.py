"""The service blueprint in a real browser: a wide journey fits the page by
default, and at actual size the page says that there is more to the side."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fuwu.design import services as design
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

STAGES = ("before", "during", "after")


@pytest.fixture
def wide_journey(scene):
    """Twelve contact points across the three stages: wider than any laptop."""
    design.seed_reference_data(scene.org)
    for number in range(12):
        design.contact_point_create(
            actor=scene.admin,
            organization=scene.org,
            data={
                "code": f"CP{number:02d}",
                "name_en": f"Contact point {number}",
                "name_zh": f"接触点 {number}",
                "stage": STAGES[number // 4],
                "manned": number % 3 != 0,
                "channel": "in_person",
                "status": "active",
                "sites": scene.sites,
            },
        )
    return scene


def widths(page: Page) -> dict[str, float]:
    return page.locator("[data-testid=blueprint]").evaluate(
        "box => ({client: box.clientWidth, scroll: box.scrollWidth,"
        " drawing: box.querySelector('svg').getBoundingClientRect().width})"
    )


def test_the_blueprint_fits_the_page_and_scrolls_at_actual_size(page: Page, wide_journey):
    log_in(page, "alice")
    page.goto("/design/blueprint/")
    expect(page.locator("[data-testid=blueprint] svg")).to_be_visible()

    # Fitted: the whole journey, "after" stage included, within the card.
    fitted = widths(page)
    assert fitted["drawing"] <= fitted["client"] + 1
    assert fitted["scroll"] <= fitted["client"] + 1
    hint = page.locator("[data-blueprint-scroll-hint]")
    expect(hint).to_be_hidden()

    # Actual size: wider than the card, scrollable, and the page says so.
    page.locator("[data-testid=blueprint-full]").click()
    expect(page.locator("[data-testid=blueprint-full]")).to_have_attribute("aria-pressed", "true")
    full = widths(page)
    assert full["scroll"] > full["client"]
    expect(hint).to_be_visible()

    page.locator("[data-testid=blueprint-fit]").click()
    expect(hint).to_be_hidden()
    assert widths(page)["scroll"] <= fitted["client"] + 1
