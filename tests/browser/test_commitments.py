# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""A service commitment in a real browser (4.4.5, A.4.4): the site manager drafts the
published promise "an answer within the hour", cannot publish it before a capability
review says the organization can keep it, reviews it, publishes it, and records last
month's fulfilment measured from the requests themselves. The manager reads Fuwu in
Chinese (their language) and writes the promise in both."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fuwu.core.models import Role
from fuwu.operations.models import Commitment, CommitmentStatus, CustomerRequest
from fuwu.operations.services import commitments as services
from fuwu.operations.services import requests as request_services
from tests.browser.loop import log_in

from .test_operations import member

pytestmark = pytest.mark.browser


def answered_last_month(scene, staff, late: int, in_time: int) -> tuple:
    """Requests of last month at West Lake: `in_time` answered within their target,
    `late` after it."""
    start, end = services.month_bounds(timezone.localdate().replace(day=1) - timedelta(days=1))
    received = timezone.make_aware(datetime.combine(start + timedelta(days=3), time(10)))
    for index in range(late + in_time):
        record = request_services.request_log(
            actor=staff,
            organization=scene.org,
            site=scene.sites[0],
            kind="request",
            summary_en=f"Extra towels for room {1200 + index}",
        )
        answered = received + timedelta(minutes=20 if index >= late else 180)
        CustomerRequest.objects.filter(pk=record.pk).update(
            received_at=received,
            response_due_at=received + timedelta(hours=1),
            first_response_at=answered,
        )
    return start, end


def test_a_promise_is_published_only_after_its_capability_review(page: Page, scene):
    west_lake = scene.sites[0]
    manager = member(scene, "zhao", Role.SITE_MANAGER, [west_lake])
    staff = member(scene, "wang", Role.STAFF, [west_lake])
    start, end = answered_last_month(scene, staff, late=1, in_time=9)

    log_in(page, "zhao")
    page.goto("/operations/commitments/add/")
    form = page.locator("[data-testid=register-form]")
    form.locator("#id_kind").select_option("published")
    form.locator("#id_site").select_option(str(west_lake.pk))
    form.locator("#id_promise_en").fill("Whatever you ask, someone answers you within the hour.")
    form.locator("#id_promise_zh").fill("无论您提出什么，一小时内都有人答复您。")
    form.locator("#id_criterion_en").fill("Share of requests answered within their target.")
    form.locator("#id_target").fill("90")
    form.locator("#id_unit").fill("%")
    form.locator("#id_published_where_en").fill("Poster at the front desk")
    form.locator("#id_owner").select_option(str(manager.pk))
    form.locator("#id_fulfilment_source").select_option("request_first_response")
    form.locator("button[type=submit]").click()

    # Not before a capability review: the reason is shown and the button is off.
    expect(page.locator("[data-testid=activation-refusal]")).to_contain_text("能力评审")
    expect(page.locator("[data-testid=activate-form] button")).to_be_disabled()
    commitment = Commitment.objects.get()
    assert commitment.status == CommitmentStatus.DRAFT

    review = page.locator("[data-testid=review-form]")
    review.locator("input[name=approved][value=yes]").check()
    review.locator("#id_tangible_en").fill("Two desk agents on every shift.")
    review.locator("#id_intangible_en").fill("First-inquiry responsibility is part of induction.")
    review.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=review-approved]")).to_be_visible()
    page.locator("[data-testid=activate-form] button").click()
    expect(page.locator("[data-testid=status]")).to_have_text("已发布")

    # Last month's fulfilment, read from the requests: 9 of 10 answered in time.
    page.locator("details:has([data-testid=fulfilment-form]) > summary").click()
    fulfilment = page.locator("[data-testid=fulfilment-form]")
    fulfilment.locator("#id_period_start").fill(start.isoformat())
    fulfilment.locator("#id_period_end").fill(end.isoformat())
    fulfilment.locator("button[type=submit]").click()
    row = page.locator("[data-testid=period]")
    expect(row).to_contain_text("90.00")
    expect(row).to_contain_text("n=10")
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.PUBLISHED
    assert commitment.fulfilment.get().kept is True
