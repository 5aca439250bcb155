"""The checks of the customer's voice (4.5.1 b, 4.4.6, 4.5.3, 4.2.1 d), each failing
and passing, saying what fails and where to fix it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.design import services as design
from fuwu.measurement import services
from fuwu.standard.conformity import REGISTRY, CheckStatus

from .conftest import approve
from .voice import collection, feed

pytestmark = pytest.mark.django_db


def run(check_id, org):
    return REGISTRY[check_id].run(org)


def test_the_checks_serve_their_clauses():
    clauses = {
        c.id: c.clause
        for c in REGISTRY.values()
        if c.id
        in (
            "measurement.contact_points_measured",
            "measurement.characteristics_covered",
            "measurement.analysis_reviewed",
            "measurement.customer_channel_live",
        )
    }
    assert clauses == {
        "measurement.contact_points_measured": "4.5.1 b",
        "measurement.characteristics_covered": "4.4.6",
        "measurement.analysis_reviewed": "4.5.3",
        "measurement.customer_channel_live": "4.2.1 d",
    }


def test_without_collection_points_they_say_to_create_them(world):
    for check_id in (
        "measurement.contact_points_measured",
        "measurement.characteristics_covered",
        "measurement.customer_channel_live",
    ):
        result = run(check_id, world.org)
        assert result.status == CheckStatus.FAIL
        assert "QR" in result.message
        assert result.records[0].url == "/measurement/collection-points/"


def test_every_active_point_needs_enough_responses(world, point):
    cp = collection(world, point)
    feed(cp, 5)
    result = run("measurement.contact_points_measured", world.org)
    assert result.status == CheckStatus.FAIL
    assert point.label in result.message and "30" in result.message
    assert world.sites[0].code not in result.message  # named by point, never by site
    assert result.records[0].url.endswith(f"?contact_point={point.pk}")
    services.settings_update(
        actor=world.users["quality"], organization=world.org, data={"min_responses": 5}
    )
    assert run("measurement.contact_points_measured", world.org).status == CheckStatus.PASS
    # Evaluations older than the period do not count; an inactive site's point is not owed.
    other = collection(world, point, site=world.sites[1])
    feed(other, 5, days_ago=120)
    assert run("measurement.contact_points_measured", world.org).status == CheckStatus.FAIL
    world.sites[1].is_active = False
    world.sites[1].save()
    assert run("measurement.contact_points_measured", world.org).status == CheckStatus.PASS


def test_characteristics_are_covered_by_a_question_or_an_inspection_item(world, point):
    cp = collection(world, point)
    # The generated instrument asks about every characteristic: covered.
    assert run("measurement.characteristics_covered", world.org).status == CheckStatus.PASS
    spec = design.specification_start(actor=world.users["quality"], point=point, kind="service")
    design.item_create(
        actor=world.users["quality"],
        specification=spec,
        data={"category": "etiquette", "text_en": "Greet every guest", "text_zh": "问候每位客人"},
    )
    approve(world, spec)
    # Revised down to one free-text question: etiquette is named and neither asked
    # nor inspected.
    services.instrument_revise(
        actor=world.users["quality"],
        instrument=cp.instrument,
        questions=[{"type": "text", "text_en": "Anything to tell us?", "text_zh": "有什么想说的"}],
    )
    result = run("measurement.characteristics_covered", world.org)
    assert result.status == CheckStatus.FAIL
    assert point.label in result.message and "etiquette" in result.message.lower()
    assert result.records[0].url == f"/measurement/instruments/{cp.instrument_id}/"
    services.instrument_regenerate(actor=world.users["quality"], instrument=cp.instrument)
    assert run("measurement.characteristics_covered", world.org).status == CheckStatus.PASS


def test_the_analysis_is_reviewed_in_the_period(world, point):
    collection(world, point)
    result = run("measurement.analysis_reviewed", world.org)
    assert result.status == CheckStatus.FAIL
    assert result.records[0].url == "/measurement/satisfaction/"
    today = timezone.localdate()
    data = {
        "period_start": today - timedelta(days=30),
        "period_end": today,
        "conclusions_en": "Waiting times drive the front desk's low ratings.",
    }
    # A review of another site does not cover the site that collects.
    review = services.review_create(
        actor=world.users["quality"],
        organization=world.org,
        data=data | {"site": world.sites[1], "reviewed_on": today - timedelta(days=2)},
    )
    result = run("measurement.analysis_reviewed", world.org)
    assert result.status == CheckStatus.FAIL and "1 site" in result.message
    services.review_create(actor=world.users["quality"], organization=world.org, data=data)
    result = run("measurement.analysis_reviewed", world.org)
    assert result.status == CheckStatus.PASS
    assert review.number.startswith("AR-")
    # A review older than the period does not count.
    services.review_update(
        actor=world.users["quality"],
        review=review,
        data={"reviewed_on": today - timedelta(days=200), "site": None},
    )
    assert run("measurement.analysis_reviewed", world.org).status == CheckStatus.PASS


def test_a_live_channel_received_evaluations_recently(world, point):
    cp = collection(world, point)
    feed(cp, 3, days_ago=45)
    result = run("measurement.customer_channel_live", world.org)
    assert result.status == CheckStatus.FAIL and "30" in result.message
    feed(cp, 1, days_ago=2)
    result = run("measurement.customer_channel_live", world.org)
    assert result.status == CheckStatus.PASS and "1 of 1" in result.message
