"""The customer's page on a phone, in Chinese: with JavaScript the follow-up
question waits for a low rating and the call-back contact for the consent;
without JavaScript everything shows and the plain form post works the same."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from fuwu.core.models import Role
from fuwu.design import services as design
from fuwu.measurement import services
from fuwu.measurement.models import CallBackRequest, Evaluation
from tests.factories import MembershipFactory, UserFactory
from tests.measurement.conftest import controlled_point

pytestmark = pytest.mark.browser


def collection_point(scene):
    design.seed_reference_data(scene.org)
    quality = MembershipFactory(
        user=UserFactory(username="sun"), organization=scene.org, role=Role.QUALITY_MANAGER
    ).user
    world = SimpleNamespace(
        org=scene.org, sites=scene.sites, users={"quality": quality, "admin": scene.admin}
    )
    point = controlled_point(world)
    collection = services.collection_point_create(
        actor=quality, organization=scene.org, site=scene.sites[0], contact_point=point
    )
    services.instrument_update(
        actor=quality, instrument=collection.instrument, data={"offer_call_back": True}
    )
    return collection


def test_the_follow_up_and_the_contact_wait_for_their_cue(scene, phone):
    collection = collection_point(scene)
    page = phone
    page.goto(f"/e/{collection.token}/")
    expect(page.locator("h1")).to_contain_text("前台")
    follow = page.locator("fieldset.follow")
    contact = page.locator("#cb-contact")
    expect(follow).to_be_hidden()
    expect(contact).to_be_hidden()
    ratings = page.locator("fieldset").first.locator("label")
    ratings.nth(3).click()  # 4: not low
    expect(follow).to_be_hidden()
    ratings.nth(0).click()  # 1: low
    expect(follow).to_be_visible()
    follow.locator("textarea").fill("房卡失灵")
    page.locator("#cb-consent").check()
    expect(contact).to_be_visible()
    page.fill("#cb-value", "13800138000")
    page.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("谢谢！")  # noqa: RUF001
    evaluation = Evaluation.objects.get()
    assert evaluation.low and evaluation.language == "zh-hans"
    assert CallBackRequest.objects.get().contact == "13800138000"


def test_without_javascript_everything_shows_and_posts(scene, browser, live_server):
    collection = collection_point(scene)
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(f"/e/{collection.token}/")
        expect(page.locator("fieldset.follow")).to_be_visible()
        expect(page.locator("#cb-contact")).to_be_visible()
        page.fill("#cb-value", "guest@example.com")  # no consent ticked: refused
        page.locator("button[type=submit]").click()
        expect(page.locator("#cb").locator(".err")).to_contain_text("同意")
        assert not Evaluation.objects.exists()
    finally:
        context.close()
