# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Shift hand-over on a phone, in Chinese: front-line staff hand the shift over from the
home page in seconds, an open complaint going with it; the site manager, coming on,
reads it and acknowledges it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.operations.models import Handover
from tests.browser.loop import log_in, log_out, no_sideways_scroll

from .test_operations import member

pytestmark = pytest.mark.browser


def test_staff_hand_over_and_the_manager_acknowledges_on_a_phone(phone: Page, scene):
    from fuwu.operations.services import requests as services

    west_lake = scene.sites[0]
    staff = member(scene, "wang", Role.STAFF, [west_lake])
    manager = member(scene, "zhao", Role.SITE_MANAGER, [west_lake])
    complaint = services.request_log(
        actor=staff,
        organization=scene.org,
        site=west_lake,
        kind="complaint",
        summary_zh="1208房空调噪音大",
    )

    log_in(phone, "wang")
    phone.locator("[data-testid=card-hand-over]").click()
    form = phone.locator("[data-testid=handover-form]")
    expect(form.locator("[data-testid=preview]")).to_contain_text("1")
    form.locator("#id_notes").fill("1208房客人投诉空调噪音，工程部今晚检修")
    no_sideways_scroll(phone)
    form.locator("[data-testid=hand-over]").click()
    expect(phone.locator("[data-testid=waiting]")).to_be_visible()
    handover = Handover.objects.get()
    assert handover.outgoing == staff and handover.notes_zh.startswith("1208房")
    assert [r["number"] for r in handover.open_requests] == [complaint.number]

    log_out(phone)
    log_in(phone, "zhao")
    phone.goto(handover.get_absolute_url())
    expect(phone.locator("[data-testid=requests]")).to_contain_text(complaint.number)
    expect(phone.locator("[data-testid=notes]")).to_contain_text("工程部今晚检修")
    no_sideways_scroll(phone)
    phone.locator("[data-testid=acknowledge] button[type=submit]").click()
    expect(phone.locator("[data-testid=acknowledged]")).to_contain_text(manager.display_name)
    handover.refresh_from_db()
    assert handover.acknowledged_by == manager
