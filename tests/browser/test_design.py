"""Service design in a real browser: a quality manager records a contact point,
writes its three specifications item by item and submits them; the administrator
approves them; clause 4.4.3 turns conforming on the dashboard. The quality manager
works in Chinese; the administrator reads the result in Chinese and in English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.design import services as design
from fuwu.design.models import CATEGORIES, ContactActivity, ContactPoint, SpecificationKind
from fuwu.documents.models import Status as DocumentStatus
from fuwu.standard.conformity import Status, evaluate
from fuwu.standard.loading import load_packaged_libraries
from tests.browser.helpers import PASSWORD, log_in, log_out
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

CONTROL = {
    "inspection": {
        "method_en": "Walk-through checklist",
        "frequency": "daily",
        "criterion_en": "100 %",
    },
    "analysis": {"frequency": "monthly"},
}
CONFORMING = {"en": "Conforming", "zh-hans": "符合"}


@pytest.fixture
def design_scene(scene):
    """The scene's organization with its design reference data, every activity of
    the contact process planned, and a quality manager who logs in."""
    load_packaged_libraries()  # the flush between live-server tests removes the catalog
    design.seed_reference_data(scene.org)
    ContactActivity.objects.filter(organization=scene.org).update(description_en="Planned.")
    MembershipFactory(
        user=UserFactory(username="qiang", first_name="Qiang", last_name="Li", password=PASSWORD),
        organization=scene.org,
        role=Role.QUALITY_MANAGER,
    )
    return scene


def switch_language(page: Page, code: str) -> None:
    page.locator(f"[data-testid=language-switcher] button[value={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def add_contact_point(page: Page, scene) -> ContactPoint:
    page.goto("/design/contact-points/")
    page.locator("[data-testid=register-empty] a[href='/design/contact-points/add/']").click()
    page.fill("#id_code", "LOBBY")
    page.fill("#id_name_en", "Lobby welcome")
    page.fill("#id_name_zh", "大堂迎宾")
    page.select_option("#id_stage", "during")
    page.fill("#id_order", "10")
    page.select_option("#id_channel", "in_person")
    page.select_option("#id_status", "active")
    page.check(f"input[name=sites][value='{scene.sites[0].pk}']")
    page.locator("[data-testid=register-form] button[type=submit]").click()
    expect(page.locator("[data-testid=specifications]")).to_be_visible()
    return ContactPoint.objects.get(code="LOBBY")


def write_specification(page: Page, kind: str) -> None:
    page.locator(f"[data-testid=spec-{kind}]").click()
    page.locator("[data-testid=start-specification]").click()
    expect(page.locator("[data-testid=draft]")).to_be_visible()
    for category in CATEGORIES[kind]:
        form = page.locator("[data-testid=add-item-form]")
        form.locator("select[name=add-category]").select_option(category)
        form.locator("textarea[name=add-text_en]").fill(f"Requirement on {category}")
        form.locator("textarea[name=add-text_zh]").fill(f"{category} 的要求")
        extra = CONTROL.get(category, {})
        if extra:
            form.locator("details summary").click()
            for name, value in extra.items():
                field = form.locator(f"[name=add-{name}]")
                if name == "frequency":
                    field.select_option(value)
                else:
                    field.fill(value)
        form.locator("button.btn-primary").click()
        expect(page.locator(f"[data-testid=category-{category}] [data-testid=item]")).to_have_count(
            1
        )
    page.locator("[data-testid=transition-submit] button").click()
    expect(page.locator(".alert-success")).to_be_visible()


def approve_specification(page: Page, point: ContactPoint, kind: str) -> None:
    page.goto(f"/design/contact-points/{point.pk}/specifications/{kind}/")
    approve = page.locator("[data-testid=transition-approve]")
    for box in approve.locator("input[type=checkbox]").all():
        box.check()
    approve.locator("button").click()
    expect(page.locator("[data-testid=approved] [data-testid=item]")).to_have_count(4)


def test_a_contact_point_specified_and_approved_makes_4_4_3_conform(page: Page, design_scene):
    """Both languages in one pass (a pass per language cost the suite 25 s a run)."""
    scene = design_scene
    log_in(page, "qiang")
    switch_language(page, "zh-hans")
    point = add_contact_point(page, scene)
    assert evaluate(scene.org).by_ref["4.4.3"].status == Status.NONCONFORMING

    for kind in SpecificationKind.values:
        page.goto(f"/design/contact-points/{point.pk}/")
        write_specification(page, kind)
    assert [
        spec.document.versions.get().status
        for spec in point.specifications.select_related("document")
    ] == [DocumentStatus.IN_REVIEW] * 3

    # Four eyes: the administrator approves what the quality manager wrote.
    log_out(page)
    log_in(page, "alice")
    for kind in SpecificationKind.values:
        approve_specification(page, point, kind)

    page.goto("/standard/conformity/")
    # The browser keeps the language chosen before: Chinese first, then English.
    for language in ("zh-hans", "en"):
        if language == "en":
            switch_language(page, language)
        for ref in ("4.4.3.1", "4.4.3.2", "4.4.3.3", "4.4.3.4"):
            badge = page.locator(f"[data-testid=clause-table] tr[data-ref='{ref}'] [data-status]")
            expect(badge).to_have_attribute("data-status", "conforming")
            expect(badge).to_have_text(CONFORMING[language])
    assert evaluate(scene.org).by_ref["4.4.3"].status == Status.CONFORMING

    # The contact point's page shows the three approved specifications.
    page.goto(f"/design/contact-points/{point.pk}/")
    for kind in SpecificationKind.values:
        expect(page.locator(f"[data-testid=spec-{kind}] .badge")).to_have_class(
            re.compile("bg-green-lt")
        )
