# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The customer's voice end to end, at a phone's size: a guest opens a collection
point's QR link with a Chinese phone (Accept-Language zh-CN), answers and sends;
the quality manager logs in and finds the response on the satisfaction dashboard."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from fuwu.core.models import Role
from fuwu.design import services as design
from fuwu.measurement import services
from fuwu.measurement.models import Evaluation
from tests.browser.helpers import PASSWORD
from tests.factories import MembershipFactory, UserFactory
from tests.measurement.conftest import approve, controlled_point

pytestmark = pytest.mark.browser


def test_a_guest_answers_in_chinese_and_the_manager_sees_it(scene, phone):
    design.seed_reference_data(scene.org)
    quality = MembershipFactory(
        user=UserFactory(username="sun", password=PASSWORD),
        organization=scene.org,
        role=Role.QUALITY_MANAGER,
    ).user
    world = SimpleNamespace(
        org=scene.org, sites=scene.sites, users={"quality": quality, "admin": scene.admin}
    )
    point = controlled_point(world)
    cache.clear()
    collection = services.collection_point_create(
        actor=quality, organization=scene.org, site=scene.sites[0], contact_point=point
    )

    # The guest: no login, the phone's language (zh-CN) picks Chinese.
    phone.goto(f"/e/{collection.token}/")
    expect(phone.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(phone.locator("button[type=submit]")).to_have_text("发送")
    first = phone.locator("input[type=radio][value='5']").first
    first.check(force=True)
    phone.locator("#comment").fill("前台很热情，谢谢！")
    phone.locator("button[type=submit]").click()
    expect(phone.locator("body")).to_contain_text("谢谢")
    evaluation = Evaluation.objects.get()
    assert evaluation.language == "zh-hans" and evaluation.comment == "前台很热情，谢谢！"

    # The quality manager, on the same phone: the dashboard counts it and shows the comment.
    phone.goto("/login/")
    phone.fill("#id_username", "sun")
    phone.fill("#id_password", PASSWORD)
    phone.locator("form:has(#id_password) button[type=submit]").click()
    expect(phone.locator("[data-testid=home-cards]")).to_be_visible()
    expect(phone.locator("[data-card='measurement.satisfaction_now']")).to_be_visible()
    phone.goto("/measurement/satisfaction/")
    expect(phone.locator("[data-testid=kpi-responses]")).to_have_text("1")
    expect(phone.locator("[data-testid=block-comments]")).to_contain_text("前台很热情，谢谢！")
    expect(phone.locator("[data-testid=block-trend] svg").first).to_be_visible()
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the dashboard is {overflow}px wider than the phone"


def test_a_guest_on_a_phone_answers_with_the_keyboard_in_both_languages(scene, phone):
    """The generated form of a point whose specifications name facilities and supplies
    (which share "safe and reliable", 安全可靠) asks nothing twice, in Chinese or in
    English; a form sent empty says why at the top; the keyboard alone answers it."""
    design.seed_reference_data(scene.org)
    quality = MembershipFactory(
        user=UserFactory(username="sun", password=PASSWORD),
        organization=scene.org,
        role=Role.QUALITY_MANAGER,
    ).user
    world = SimpleNamespace(
        org=scene.org, sites=scene.sites, users={"quality": quality, "admin": scene.admin}
    )
    point = controlled_point(world)
    spec = design.specification_start(actor=quality, point=point, kind="provision")
    for key in ("facilities", "supplies"):
        design.item_create(
            actor=quality,
            specification=spec,
            data={"category": key, "text_en": f"About {key}", "text_zh": f"关于{key}"},
        )
    approve(world, spec)
    cache.clear()
    collection = services.collection_point_create(
        actor=quality, organization=scene.org, site=scene.sites[0], contact_point=point
    )

    for switch, language in (("", "zh-Hans"), ("?lang=en", "en")):
        phone.goto(f"/e/{collection.token}/{switch}")
        expect(phone.locator("html")).to_have_attribute("lang", language)
        legends = phone.locator("legend").all_inner_texts()
        assert len(legends) == len(set(legends)) >= 4, legends
        assert sum("：" in text or ": " in text for text in legends) >= 4, legends

        # Sent empty: the reason is the first thing on the page, not somewhere below.
        phone.locator("button[type=submit]").focus()
        phone.keyboard.press("Enter")
        alert = phone.locator("[role=alert]")
        expect(alert).to_be_visible()
        expect(alert).to_contain_text("请至少回答一个问题" if language == "zh-Hans" else "at least")
        assert alert.bounding_box()["y"] < 844

        # The keyboard alone: into the first rating, a 4, and send.
        phone.locator("input[type=radio]").first.focus()
        for _ in range(3):
            phone.keyboard.press("ArrowRight")
        expect(phone.locator("input[type=radio]:checked")).to_have_value("4")
        phone.locator("button[type=submit]").focus()
        phone.keyboard.press("Enter")
        expect(phone.locator("h1")).to_have_text(
            "谢谢！" if language == "zh-Hans" else "Thank you!"
        )
    assert Evaluation.objects.filter(collection_point=collection).count() == 2
