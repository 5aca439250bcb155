"""The demo's inspections and audits: true times, both languages, failures that
raised nonconformities, a missed round the check names, last spring's audit; and
the pages that show them, within a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.models import AuditEntry, Organization
from fuwu.improvement.models import Nonconformity
from fuwu.measurement.models import Audit, InspectionResult, InspectionRound
from fuwu.standard.conformity import REGISTRY, CheckStatus


@pytest.fixture(scope="module")
def demo(demo_scene, django_db_blocker):
    with django_db_blocker.unblock():
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


def test_two_call_back_requests_one_called_and_erased(demo):
    from fuwu.core.models.audit import AuditEntry
    from fuwu.measurement.models import CallBackRequest

    lakeside = Organization.objects.get(slug="lakeside")
    requests = CallBackRequest.objects.filter(organization=lakeside).order_by("consented_at")
    assert [(r.status, bool(r.contact), bool(r.erased_at)) for r in requests] == [
        ("done", False, True),
        ("open", True, False),
    ]
    assert len({r.site_id for r in requests}) == 2
    assert all(r.evaluation.nonconformity_id for r in requests)
    assert not AuditEntry.objects.filter(after__icontains="13800138000").exists()


# -- the year of customer evaluations ----------------------------------------------


def _lakeside_evaluations():
    from fuwu.measurement.models import Evaluation

    return Evaluation.objects.filter(organization__slug="lakeside")


def test_a_year_of_evaluations_at_every_collection_point_all_in_the_past(demo):
    from datetime import timedelta

    from fuwu.measurement.models import CollectionPoint

    evaluations = _lakeside_evaluations()
    assert 15_000 <= evaluations.count() <= 30_000
    # Every everyday collection point (the Kano study's point is a design study's).
    points = CollectionPoint.objects.filter(
        organization__slug="lakeside", instrument__kind="standard"
    )
    assert points.count() == 21
    counted = dict(evaluations.values_list("collection_point").annotate(n=Count("pk")))
    assert all(counted.get(p.pk, 0) >= 100 for p in points)
    now = timezone.now()
    assert not evaluations.filter(submitted_at__gt=now).exists()
    oldest = evaluations.order_by("submitted_at").first().submitted_at
    assert timedelta(days=360) < now - oldest < timedelta(days=367)
    assert evaluations.filter(submitted_at__gt=now - timedelta(days=2)).exists()
    # Spread over the day as guests answer (not all at noon), in the hotels' time.
    hours = {timezone.localtime(t).hour for t in evaluations.values_list("submitted_at", flat=True)}
    assert len(hours) >= 15 and not hours & {2, 3, 4, 5}
    channels = dict(evaluations.values_list("channel").annotate(n=Count("pk")))
    # "revisit": the guests' answers on operations' return visits after check-out.
    assert set(channels) == {"qr", "link", "kiosk", "revisit"}
    assert channels["qr"] > channels["link"] + channels["kiosk"]
    languages = dict(evaluations.values_list("language").annotate(n=Count("pk")))
    assert languages["zh-hans"] > 3 * languages["en"] > 0


def test_ratings_go_together_and_comments_speak_the_guests_language(demo):
    import re
    import statistics

    from fuwu.measurement.models import Answer

    evaluations = _lakeside_evaluations()
    commented = evaluations.exclude(comment="")
    assert commented.count() > 1000
    han = re.compile(r"[\u4e00-\u9fff]")
    for language, comment in commented.values_list("language", "comment")[:3000]:
        assert bool(han.search(comment)) == (language == "zh-hans"), (language, comment)
    assert commented.filter(language="en").exists() and commented.filter(language="zh-hans")
    # One guest's ratings of one evaluation move together (a shared mood).
    values: dict[int, list[int]] = {}
    for evaluation, value in Answer.objects.filter(
        evaluation__organization__slug="lakeside", question__type="rating"
    ).values_list("evaluation_id", "value")[:40_000]:
        values.setdefault(evaluation, []).append(value)
    pairs = [v[:2] for v in values.values() if len(v) >= 2]
    assert statistics.correlation([a for a, _ in pairs], [b for _, b in pairs]) > 0.3
    low = evaluations.filter(low=True).count()
    assert 0.01 < low / evaluations.count() < 0.1


def test_journeys_rate_several_points_of_one_stay_within_three_days(demo):
    from collections import defaultdict

    stays = defaultdict(list)
    for visit, point, site, at in (
        _lakeside_evaluations()
        .exclude(visit_id="")
        .values_list("visit_id", "contact_point_id", "site_id", "submitted_at")
    ):
        stays[visit].append((point, site, at))
    assert len(stays) > 300
    ongoing = timezone.now() - timezone.timedelta(days=3)
    for touches in stays.values():
        times = [a for _p, _s, a in touches]
        # A stay still going on has only begun to be rated.
        assert len(touches) >= 2 or min(times) > ongoing
        assert len({p for p, _s, _a in touches}) == len(touches)
        assert len({s for _p, s, _a in touches}) == 1
        assert (max(times) - min(times)).days <= 3


def test_weekends_summer_and_golden_week_bring_more_answers(demo):
    from collections import Counter
    from datetime import date

    days = Counter(
        timezone.localdate(t)
        for t in _lakeside_evaluations().values_list("submitted_at", flat=True)
    )
    full = {d: n for d, n in days.items() if d < timezone.localdate()}
    weekend = [n for d, n in full.items() if d.weekday() in (5, 6)]
    weekday = [n for d, n in full.items() if d.weekday() in (0, 1, 2, 3)]
    assert sum(weekend) / len(weekend) > 1.2 * sum(weekday) / len(weekday)
    by_month = Counter()
    for d, n in full.items():
        by_month[d.month] += n
    assert by_month[8] > 1.4 * by_month[1]
    golden = [n for d, n in full.items() if date(d.year, 10, 1) <= d <= date(d.year, 10, 7)]
    rest_of_october = [n for d, n in full.items() if d.month == 10 and d.day > 10]
    assert sum(golden) / len(golden) > 1.5 * sum(rest_of_october) / len(rest_of_october)


def test_taihus_front_desk_signals_in_the_last_month_and_never_before(demo):
    from collections import defaultdict

    from fuwu.analytics import spc
    from fuwu.measurement.models import Answer

    today = timezone.localdate()
    days: dict = defaultdict(lambda: [0, 0])
    desk = _lakeside_evaluations().filter(site__code="WX01", contact_point__code="ARRIVAL")
    for at, low in desk.values_list("submitted_at", "low"):
        day = days[timezone.localdate(at)]
        day[0] += 1
        day[1] += low
    order = sorted(days)
    chart = spc.p_chart([days[d][1] for d in order], [days[d][0] for d in order])
    ago = [(today - order[s.index]).days for s in chart.signals]
    assert ago and max(ago) < 30, ago
    # The daily mean rating tells the same story on an individuals chart.
    ratings: dict = defaultdict(list)
    for at, value in Answer.objects.filter(
        evaluation__in=desk, question__type="rating"
    ).values_list("evaluation__submitted_at", "value"):
        ratings[timezone.localdate(at)].append(value)
    order = sorted(ratings)
    individuals, _ranges = spc.imr([sum(ratings[d]) / len(ratings[d]) for d in order])
    ago = [(today - order[s.index]).days for s in individuals.signals]
    assert ago and max(ago) < 30, ago
    # The other hotels' front desks stay in control this month.
    for code in ("HZ01", "SZ01"):
        recent = _lakeside_evaluations().filter(
            site__code=code,
            contact_point__code="ARRIVAL",
            submitted_at__gte=timezone.now() - timezone.timedelta(days=30),
        )
        assert recent.filter(low=True).count() < 0.15 * recent.count()


def test_bulk_low_ratings_raise_no_follow_ups_but_a_handful_were_raised_on_the_day(demo):
    from fuwu.improvement.models import Nonconformity

    evaluations = _lakeside_evaluations()
    raised = Nonconformity.objects.filter(organization__slug="lakeside", source_type="evaluation")
    assert 4 <= raised.count() <= 10
    assert evaluations.filter(low=True).count() > 20 * raised.count()
    recent_desk = raised.filter(site__code="WX01", contact_point__code="ARRIVAL")
    assert recent_desk.count() >= 3
    assert recent_desk.exclude(status="closed").exists()
    for nc in raised:
        source = evaluations.get(pk=int(nc.source_id))
        assert source.low and source.nonconformity_id == nc.pk
        # Raised within minutes of the guest's evaluation, as the live path does.
        assert timezone.timedelta(0) <= nc.detected_at - source.submitted_at
        assert nc.detected_at - source.submitted_at < timezone.timedelta(minutes=5)
        assert nc.created_at <= timezone.now() and nc.description_zh
        # Every linked evaluation is a low one of the same point and day.
        linked = evaluations.filter(nonconformity_id=nc.pk)
        assert not linked.filter(low=False).exists()
        assert {timezone.localdate(t) for t in linked.values_list("submitted_at", flat=True)} == {
            timezone.localdate(source.submitted_at)
        }
    assert evaluations.exclude(nonconformity_id=None).count() < 40


def test_every_evaluation_is_sealed_into_the_audit_chain(demo):
    lakeside = Organization.objects.get(slug="lakeside")
    evaluations = _lakeside_evaluations()
    assert not evaluations.filter(seal=None).exists()
    assert not evaluations.filter(digest="").exists()
    assert verify_chain(lakeside).intact


def test_the_generator_is_deterministic(demo):
    from datetime import date, datetime

    from fuwu.measurement.demo_evaluations import Asked, Point, generate

    questions = (Asked(1, "rating", "procedure"), Asked(2, "rating", "etiquette"))
    points = [Point("WX01", "ARRIVAL", questions), Point("WX01", "ROOM", questions)]
    today = date(2026, 6, 1)
    now = timezone.make_aware(datetime(2026, 6, 1, 12))
    first, second = generate(points, today, now, days=60), generate(points, today, now, days=60)
    assert [(r.submission_id, r.submitted_at, r.answers, r.comment) for r in first] == [
        (r.submission_id, r.submitted_at, r.answers, r.comment) for r in second
    ]
    assert first and all(r.submitted_at < now for r in first)
