"""The checks of the customer's voice (4.5.1 b, 4.4.6, 4.5.3, 4.2.1 d), each failing
and passing, saying what fails and where to fix it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.design import services as design
from fuwu.measurement import rollups, services
from fuwu.measurement.checks import LIVE_DAYS, PERIOD_DAYS, _voice
from fuwu.measurement.models import Evaluation, InstrumentKind
from fuwu.measurement.services.studies import study_create
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


def studied(world, cp, count, *, days_ago=1):
    """`count` evaluations of a Kano study at `cp`: no satisfaction responses."""
    study = study_create(
        actor=world.users["quality"],
        organization=world.org,
        kind=InstrumentKind.KANO,
        name_en=f"Study {cp.pk}",
        name_zh="研究",
        items=[{"name_en": "Evening trips", "name_zh": "夜游"}],
    )
    when = timezone.now() - timedelta(days=days_ago)
    Evaluation.objects.bulk_create(
        Evaluation(
            organization=world.org,
            collection_point=cp,
            site_id=cp.site_id,
            contact_point_id=cp.contact_point_id,
            instrument_version=study.current_version,
            submission_id=f"study-{cp.pk}-{n}",
            submitted_at=when,
            language="en",
            channel="qr",
            digest="0" * 64,
        )
        for n in range(count)
    )


def raw_counts(org, days):
    """Per collection point, its evaluation instruments' evaluations of the last
    `days` days (today included), straight from the raw rows."""
    today = timezone.localdate()
    counts = {}
    for e in Evaluation.objects.filter(
        organization=org, instrument_version__instrument__kind="standard"
    ):
        if today - timedelta(days=days - 1) <= timezone.localdate(e.submitted_at) <= today:
            counts[e.collection_point_id] = counts.get(e.collection_point_id, 0) + 1
    return counts


def test_the_counts_read_the_rollups_and_agree_with_the_raw_rows(world, point):
    """Rolled up or still in the tail, old days and new, the checks count what the
    raw rows say, and no study answer."""
    first = collection(world, point)
    second = collection(world, point, site=world.sites[1])
    for days_ago, count in ((1, 3), (20, 2), (40, 4), (80, 1), (95, 6), (200, 2)):
        feed(first, count, days_ago=days_ago)
    feed(second, 2, days_ago=50)
    studied(world, first, 7, days_ago=3)
    rollups.refresh()
    # After the worker ran: new rows (the tail) and an import of old paper forms.
    feed(first, 2, days_ago=0.01)
    feed(second, 3, days_ago=88)
    studied(world, second, 4, days_ago=2)
    for state in ("tail", "refreshed"):
        if state == "refreshed":
            assert rollups.refresh()["evaluations"] == 9
        voice = _voice(world.org)  # outside a report's evaluation: read afresh
        period = raw_counts(world.org, PERIOD_DAYS)
        assert voice.counts == {first.pk: period[first.pk], second.pk: period[second.pk]}
        assert voice.counts == {first.pk: 12, second.pk: 5}
        recent = raw_counts(world.org, LIVE_DAYS)
        assert voice.recent == {first.pk: recent[first.pk], second.pk: 0}
        assert voice.recent[first.pk] == 7


def test_enough_responses_follow_the_data(world, point):
    cp = collection(world, point)
    services.settings_update(
        actor=world.users["quality"], organization=world.org, data={"min_responses": 5}
    )
    feed(cp, 4, days_ago=10)
    studied(world, cp, 10)  # a study's answers do not make up for them
    rollups.refresh()
    assert run("measurement.contact_points_measured", world.org).status == CheckStatus.FAIL
    feed(cp, 1, days_ago=0.01)  # in the tail
    assert run("measurement.contact_points_measured", world.org).status == CheckStatus.PASS
    rollups.refresh()
    assert run("measurement.contact_points_measured", world.org).status == CheckStatus.PASS


def test_a_study_alone_is_no_live_channel(world, point):
    cp = collection(world, point)
    studied(world, cp, 5)
    assert run("measurement.customer_channel_live", world.org).status == CheckStatus.FAIL
    rollups.refresh()
    assert run("measurement.customer_channel_live", world.org).status == CheckStatus.FAIL
    feed(cp, 1, days_ago=LIVE_DAYS - 1)
    rollups.refresh()
    assert run("measurement.customer_channel_live", world.org).status == CheckStatus.PASS
