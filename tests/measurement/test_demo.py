"""The demo's inspections and audits: true times, both languages, failures that
raised nonconformities, a missed round the check names, last spring's audit; and
the pages that show them, within a bounded number of queries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.models import AuditEntry, Organization
from fuwu.improvement.models import Nonconformity
from fuwu.measurement.models import Audit, InspectionResult, InspectionRound
from fuwu.standard.conformity import REGISTRY, CheckStatus
from tests.conftest import demo_seeded_once


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_seeded_once(django_db_blocker):
        yield


pytestmark = pytest.mark.django_db


def test_rounds_at_each_hotel_with_their_true_times(demo):
    lakeside = Organization.objects.get(slug="lakeside")
    rounds = InspectionRound.objects.filter(organization=lakeside)
    assert set(rounds.values_list("site__code", flat=True)) == {"HZ01", "SZ01", "WX01"}
    assert rounds.filter(status="completed").count() > 150
    oldest = rounds.filter(status="completed").order_by("completed_at").first()
    assert (timezone.now() - oldest.completed_at).days > 60
    # Recorded when they were done, not when the demo ran.
    entry = AuditEntry.objects.filter(
        object_type="measurement.inspectionround", object_id=str(oldest.pk)
    ).first()
    assert (timezone.now() - entry.created_at).days > 60
    assert rounds.filter(kind="mystery_shopper").count() == 2
    assert not InspectionResult.objects.filter(organization=lakeside, text_zh="").exists()
    assert verify_chain(lakeside).intact


def test_failures_raised_nonconformities_and_the_check_names_the_missed_round(demo):
    lakeside = Organization.objects.get(slug="lakeside")
    failed = InspectionResult.objects.filter(organization=lakeside, outcome="fail")
    assert failed.count() == 4 and not failed.filter(nonconformity_id=None).exists()
    raised = Nonconformity.objects.filter(organization=lakeside, source_type="inspection")
    assert raised.count() == 4 and not raised.filter(immediate_remedy_zh="").exists()
    result = REGISTRY["measurement.inspections_as_scheduled"].run(lakeside)
    assert (
        result.status == CheckStatus.FAIL
        and "LUGGAGE" in result.message
        and "WX01" not in result.message
    )
    assert InspectionRound.objects.filter(organization=lakeside, overdue=True).count() == 1
    cafe = Organization.objects.get(slug="harbor-cafe")
    assert REGISTRY["measurement.inspections_as_scheduled"].run(cafe).status == CheckStatus.PASS


def test_last_springs_audit_its_reaudit_and_the_programme(demo):
    lakeside = Organization.objects.get(slug="lakeside")
    audits = Audit.objects.filter(organization=lakeside).order_by("planned_start")
    spring = audits.first()
    assert spring.status == "completed" and spring.results
    minor = spring.findings.get(grade="minor")
    assert minor.closed_by is not None and minor.nonconformity_id
    assert Nonconformity.objects.get(pk=minor.nonconformity_id).status == "closed"
    for check in ("measurement.audit_programme_covers_clauses", "measurement.audits_not_overdue"):
        assert REGISTRY[check].run(lakeside).status == CheckStatus.PASS


@pytest.mark.parametrize("username", ["quality", "staff", "auditor"])
def test_pages_answer_in_bounded_queries(demo, client, django_assert_max_num_queries, username):
    from fuwu.core.models import User

    client.force_login(User.objects.get(username=username))
    lakeside = Organization.objects.get(slug="lakeside")
    round = InspectionRound.objects.filter(organization=lakeside, site__code="HZ01").first()
    audit = Audit.objects.filter(organization=lakeside).order_by("planned_start").first()
    pages = [
        "/measurement/inspections/",
        f"/measurement/inspections/{round.pk}/",
        "/measurement/inspections/schedule/",
    ]
    if username != "staff":
        pages += [
            "/measurement/audits/",
            f"/measurement/audits/{audit.pk}/",
            f"/measurement/audit-programmes/{audit.programme_id}/",
        ]
    for url in pages:
        with django_assert_max_num_queries(60):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(
    ("language", "words"), [("en", "Internal audits"), ("zh-hans", "内部审核")]
)
def test_the_manual_describes_inspections_and_the_programme(demo, language, words):
    from django.utils import timezone, translation

    from fuwu.core.manual import ManualContext
    from fuwu.core.render.blocks import blocks_text
    from fuwu.measurement.manual import measurement

    lakeside = Organization.objects.get(slug="lakeside")
    with translation.override(language):
        context = ManualContext(lakeside, language, [], timezone.now())
        text = blocks_text(measurement(context))
    assert words in text and "ROOM" in text and "IA-2026-0001" in text


def test_customer_evaluations_at_every_lakeside_collection_point(demo):
    from fuwu.measurement.models import CollectionPoint, Evaluation

    lakeside = Organization.objects.get(slug="lakeside")
    points = CollectionPoint.objects.filter(organization=lakeside)
    assert points.count() >= 3
    evaluations = Evaluation.objects.filter(organization=lakeside)
    assert evaluations.count() >= 100
    assert evaluations.filter(submitted_at__gt=timezone.now()).count() == 0
    assert evaluations.values("submitted_at__date").distinct().count() > 20
    assert set(evaluations.values_list("language", flat=True)) == {"en", "zh-hans"}
    assert verify_chain(lakeside).intact


def test_a_kano_study_of_six_attributes_at_the_west_lake_hotel(demo):
    from django.test import Client

    from fuwu.core.models import User
    from fuwu.measurement.models import Evaluation, Instrument
    from fuwu.measurement.studies import results_for

    lakeside = Organization.objects.get(slug="lakeside")
    study = Instrument.objects.get(organization=lakeside, kind="kano")
    assert study.name_en and study.name_zh
    quality = User.objects.get(username="quality")
    results = results_for(study, quality)
    assert len(results.kano) == 6 and results.respondents >= 50
    categories = {row.key: row.category for row in results.kano}
    assert categories["departure-on-time"] == "M" and categories["hot-tea-on-board"] == "A"
    evaluations = Evaluation.objects.filter(instrument_version__instrument=study)
    assert evaluations.filter(submitted_at__gt=timezone.now()).count() == 0
    assert evaluations.values("submitted_at__date").distinct().count() > 10
    client = Client()
    client.force_login(quality)
    page = client.get(f"/measurement/instruments/{study.pk}/results/")
    assert page.status_code == 200 and "Departure on time" in page.text
