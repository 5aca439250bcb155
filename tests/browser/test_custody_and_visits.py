# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Customer property and return visits on a phone, in Chinese: front-line staff receive a
guest's item from the home page and hand it back against the claim tag (4.4.7); the
next day they record the return visit due after the guest's check-out, and the answer
becomes an evaluation (4.4.8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.design import services as design
from fuwu.design.models import ContactPoint
from fuwu.measurement.models import Evaluation
from fuwu.measurement.services.collection import collection_point_create
from fuwu.operations.models import PropertyItem, PropertyStatus, VisitStatus
from fuwu.operations.services import visits
from tests.browser.loop import log_in, no_sideways_scroll

from .test_operations import member

pytestmark = pytest.mark.browser


def test_staff_keep_an_item_hand_it_back_and_record_a_return_visit_on_a_phone(phone: Page, scene):
    west_lake = scene.sites[0]
    staff = member(scene, "wang", Role.STAFF, [west_lake])
    design.seed_reference_data(scene.org)
    checkout = ContactPoint.objects.create(
        organization=scene.org,
        code="CHECKOUT",
        name_en="Check-out",
        name_zh="退房结账",
        stage="after",
    )
    collection_point_create(
        actor=scene.admin, organization=scene.org, site=west_lake, contact_point=checkout
    )
    visit = visits.visit_plan(
        actor=staff,
        organization=scene.org,
        site=west_lake,
        contact_point=checkout,
        service_ended_at=timezone.now() - timedelta(days=4),
        due_on=timezone.localdate() - timedelta(days=1),
        customer_reference="1208房 李先生",
    )

    log_in(phone, "wang")
    # Customer property: received from the home page, on the phone.
    phone.locator("[data-testid=card-receive]").click()
    form = phone.locator("[data-testid=register-form]")
    form.locator("#id_description").fill("黑色行李箱一件")
    form.locator("#id_condition").fill("完好，右侧轮子有划痕")
    form.locator("#id_storage_location").fill("行李房 A-3")
    no_sideways_scroll(phone)
    form.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=tag]")).to_be_visible()
    item = PropertyItem.objects.get()
    assert item.description_zh == "黑色行李箱一件" and item.description_en == ""
    assert item.status == PropertyStatus.IN_CUSTODY and item.received_by == staff
    tag = phone.request.get(f"/operations/property/{item.pk}/tag/")
    assert tag.ok and tag.body().startswith(b"%PDF")
    # Handed back against the tag.
    back = phone.locator("[data-testid=return]")
    back.locator("#id_returned_to").fill("李先生")
    no_sideways_scroll(phone)
    back.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=returned]")).to_contain_text("李先生")
    item.refresh_from_db()
    assert item.status == PropertyStatus.RETURNED and item.returned_by == staff

    # The return visit, overdue on the home card, recorded from its page.
    phone.goto("/")
    expect(phone.locator("[data-testid=visits-overdue]")).to_have_text("1")
    phone.goto(visit.get_absolute_url())
    expect(phone.locator("[data-testid=overdue]")).to_be_visible()
    perform = phone.locator("[data-testid=perform]")
    perform.locator("select[name=satisfaction]").select_option("5")
    perform.locator("textarea[name=outcome]").fill("客人对入住很满意，下月还会再来")
    no_sideways_scroll(phone)
    perform.locator("button[type=submit]").click()
    expect(phone.locator("[data-testid=evaluation]")).to_be_visible()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE and visit.outcome_zh.startswith("客人对入住很满意")
    evaluation = Evaluation.objects.get(pk=visit.evaluation_id)
    assert evaluation.channel == "revisit" and evaluation.site_id == west_lake.pk
