"""The satisfaction read layer: figures per group and filter equal a recomputation
with the analytics functions over the raw answers; tenancy and site scope hold.

One scene for the module (built once, rolled back at the end): Lakeside with three
sites, four contact points, an instrument with an overall rating, two indicator
ratings, a recommendation (NPS) and an effort (CES) question, and a few hundred
random evaluations over three months; and a Kano study answered at the same points,
with a rating among its pairs, whose answers are no satisfaction responses."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from fuwu.analytics import satisfaction as analytics
from fuwu.core.models import Role
from fuwu.design.models import Characteristic, ContactPoint
from fuwu.design.services import seed_reference_data
from fuwu.measurement import rollups
from fuwu.measurement import satisfaction as reads
from fuwu.measurement.models import (
    Answer,
    CollectionPoint,
    Evaluation,
    Instrument,
    InstrumentKind,
    InstrumentVersion,
    Question,
    QuestionType,
)
from fuwu.measurement.models.evaluations import LOW_RATING
from tests.conftest import World
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db

START = date(2026, 1, 1)
DAYS = 95
CHANNELS = ["qr", "qr", "qr", "link", "kiosk", "import"]


def build() -> World:
    rng = random.Random(11)
    org = OrganizationFactory(name_en="Lakeside Hotels", slug="lakeside")
    sites = [SiteFactory(organization=org, code=f"H{i}", name_en=f"Hotel {i}") for i in (1, 2, 3)]
    other = OrganizationFactory(name_en="Harbor Café", slug="harbor")
    other_site = SiteFactory(organization=other, code="P1", name_en="Pier One")
    w = World(org=org, sites=sites, other_org=other, other_site=other_site)
    w.users["admin"] = MembershipFactory(
        user=UserFactory(username="admin"), organization=org, role=Role.ADMIN
    ).user
    w.users["manager"] = MembershipFactory(
        user=UserFactory(username="manager"),
        organization=org,
        role=Role.SITE_MANAGER,
        sites=[sites[0]],
    ).user
    w.users["outsider"] = MembershipFactory(
        user=UserFactory(username="outsider"), organization=other, role=Role.ADMIN
    ).user
    seed_reference_data(org)
    characteristics = list(Characteristic.objects.filter(organization=org).order_by("order"))
    personnel, environment = characteristics[0], characteristics[3]
    friendly = personnel.indicators.order_by("order")[0]
    clean = environment.indicators.order_by("order")[0]
    instrument = Instrument.objects.create(organization=org, name_en="Stay")
    version = InstrumentVersion.objects.create(organization=org, instrument=instrument, number=1)
    instrument.current_version = version
    instrument.save()

    def question(order, type_, characteristic=None, indicator=None, after_low=False):
        return Question.objects.create(
            organization=org,
            version=version,
            order=order,
            type=type_,
            text_en=f"Q{order}",
            characteristic=characteristic,
            indicator=indicator,
            after_low_rating=after_low,
        )

    overall = question(1, QuestionType.RATING)
    staff = question(2, QuestionType.RATING, personnel, friendly)
    room = question(3, QuestionType.RATING, environment, clean)
    scope = question(4, QuestionType.RATING, environment)
    recommend = question(5, QuestionType.NPS)
    effort = question(6, QuestionType.CES, personnel)
    wrong = question(7, QuestionType.TEXT, after_low=True)
    points = []
    for n in range(4):
        point = ContactPoint.objects.create(
            organization=org, code=f"P{n}", name_en=f"Point {n}", name_zh=f"触点{n}", stage="during"
        )
        for site in sites:
            points.append(
                CollectionPoint.objects.create(
                    organization=org,
                    site=site,
                    contact_point=point,
                    instrument=instrument,
                    token=f"t-{site.code}-{n}",
                )
            )
    tz = timezone.get_current_timezone()
    evaluations, answers = [], []
    for k in range(700):
        cp = rng.choice(points)
        day = START + timedelta(days=rng.randrange(DAYS))
        # Some near midnight either side, so the local day matters.
        moment = rng.choice([time(0, 5), time(23, 55), time(rng.randrange(24), rng.randrange(60))])
        values = {overall: rng.randint(1, 5)}
        for q, scale in ((staff, (1, 5)), (room, (1, 5)), (scope, (1, 5)), (recommend, (0, 10))):
            if rng.random() < 0.6:
                values[q] = rng.randint(*scale)
        if rng.random() < 0.3:
            values[effort] = rng.randint(1, 7)
        low = any(q.type == QuestionType.RATING and v <= LOW_RATING for q, v in values.items())
        evaluation = Evaluation(
            organization=org,
            collection_point=cp,
            site_id=cp.site_id,
            contact_point_id=cp.contact_point_id,
            instrument_version=version,
            submission_id=f"s-{k}",
            submitted_at=datetime.combine(day, moment, tzinfo=tz),
            language="en",
            channel=rng.choice(CHANNELS),
            low=low,
        )
        evaluations.append(evaluation)
        answers.append(values | ({wrong: "slow"} if low and rng.random() < 0.5 else {}))
    # A Kano study at the same points, with a rating as well as its pair: its
    # evaluations are no satisfaction responses, rolled up or in the tail.
    study = Instrument.objects.create(
        organization=org, name_en="Boat trips", kind=InstrumentKind.KANO
    )
    study_version = InstrumentVersion.objects.create(organization=org, instrument=study, number=1)
    study_rating = Question.objects.create(
        organization=org,
        version=study_version,
        order=1,
        type=QuestionType.RATING,
        text_en="How was the boat?",
        characteristic=personnel,
        indicator=friendly,
    )
    functional = Question.objects.create(
        organization=org,
        version=study_version,
        order=2,
        type=QuestionType.KANO,
        text_en="If there were evening trips?",
        role="functional",
        pair_key="evening",
    )
    studied, study_answers = [], []
    for k in range(30):
        cp = rng.choice(points)
        day = START + timedelta(days=rng.randrange(DAYS))
        studied.append(
            Evaluation(
                organization=org,
                collection_point=cp,
                site_id=cp.site_id,
                contact_point_id=cp.contact_point_id,
                instrument_version=study_version,
                submission_id=f"k-{k}",
                submitted_at=datetime.combine(day, time(12), tzinfo=tz),
                language="en",
                channel="qr",
                low=True,
            )
        )
        study_answers.append({study_rating: 1, functional: 0})
    # The first 500 are rolled up (with 20 of the study's); the rest arrive after the
    # worker ran (the tail), on days old and new alike (imports of paper forms touch
    # old days).
    for batch, study_batch in ((slice(0, 500), slice(0, 20)), (slice(500, None), slice(20, None))):
        rows = evaluations[batch] + studied[study_batch]
        values_of = answers[batch] + study_answers[study_batch]
        for e, values in zip(rows, values_of, strict=True):
            e.answered = [
                [q.pk, v if isinstance(v, int) else None, v if isinstance(v, str) else ""]
                for q, v in values.items()
            ]
        Evaluation.objects.bulk_create(rows)
        if batch.start == 0:
            rollups.refresh()
    w.points = sorted({p.contact_point_id for p in points})  # type: ignore[attr-defined]
    w.characteristics = (personnel.pk, environment.pk)  # type: ignore[attr-defined]
    return w


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    RAW.clear()
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def reference_data() -> None:
    """The scene seeds its own organizations (the package's fixture builds a world)."""


# --- the oracle: analytics over raw answers --------------------------------------------------


def period_key(day: date, group_by: str | None):
    if group_by == "week":
        return day - timedelta(days=day.weekday())
    if group_by == "month":
        return day.replace(day=1)
    return day


RAW: dict[int, list] = {}
STANDARD = Evaluation.objects.filter(instrument_version__instrument__kind="standard")


def raw_rows(org) -> list:
    """Every answer to an evaluation instrument (a study's are no satisfaction
    responses) with its evaluation, question and local day (the scene's rows never
    change: read once)."""
    if org.pk not in RAW:
        rows = Answer.objects.filter(
            organization=org, evaluation__instrument_version__instrument__kind="standard"
        ).select_related("evaluation", "question")
        RAW[org.pk] = [
            (a, a.evaluation, a.question, timezone.localdate(a.evaluation.submitted_at))
            for a in rows
        ]
    return RAW[org.pk]


def recompute(org, start, end, sites, points, characteristic, channel, group_by):
    """Figures per group by plain Python over every raw row."""
    groups: dict = defaultdict(lambda: {"evaluations": set(), "low": set(), "answers": []})
    for answer, e, q, day in raw_rows(org):
        if not start <= day <= end:
            continue
        if sites is not None and e.site_id not in sites:
            continue
        if points is not None and e.contact_point_id not in points:
            continue
        if channel and e.channel != channel:
            continue
        if characteristic is not None and q.characteristic_id != characteristic:
            continue
        numeric = q.type in reads.NUMERIC and answer.value is not None
        key = {
            None: None,
            "day": day,
            "week": period_key(day, "week"),
            "month": period_key(day, "month"),
            "site": e.site_id,
            "contact_point": e.contact_point_id,
            "characteristic": q.characteristic_id,
        }[group_by]
        if group_by == "characteristic" and key is None:
            continue
        by_characteristic = characteristic is not None or group_by == "characteristic"
        g = groups[key]
        if not by_characteristic or (numeric and q.characteristic_id is not None):
            g["evaluations"].add(e.pk)
            if e.low:
                g["low"].add(e.pk)
        if numeric:
            g["answers"].append((q.type, q.characteristic_id, q.indicator_id, answer.value))
    out = {}
    for key, g in groups.items():
        ratings = [v for t, _c, _i, v in g["answers"] if t == QuestionType.RATING]
        by_subject = defaultdict(list)
        for t, c, i, v in g["answers"]:
            if t == QuestionType.RATING:
                by_subject[(c, i)].append(v)
        promoters = [v for t, _c, _i, v in g["answers"] if t == QuestionType.NPS]
        effort = [v for t, _c, _i, v in g["answers"] if t == QuestionType.CES]
        names = {s: str(s) for s in by_subject}
        out[key] = {
            "responses": len(g["evaluations"]),
            "low": len(g["low"]),
            "mean": statistics.fmean(ratings) if ratings else None,
            "ratings": len(ratings),
            "csat": analytics.csat(ratings) if ratings else None,
            "nps": analytics.nps(promoters) if promoters else None,
            "ces": analytics.ces(effort) if effort else None,
            "index": analytics.index(
                {names[s]: v for s, v in by_subject.items()}, {names[s]: 1 for s in by_subject}
            )
            if by_subject
            else None,
        }
    return out


def same(figures: list[reads.Figures], expected: dict) -> None:
    got = {f.key: f for f in figures if f.responses or f.ratings}
    assert set(got) == set(expected)
    for key, want in expected.items():
        f = got[key]
        assert (f.responses, f.low, f.ratings) == (want["responses"], want["low"], want["ratings"])
        for name in ("mean", "csat", "nps", "ces", "index"):
            value = getattr(f, name)
            if want[name] is None:
                assert value is None, (key, name)
            else:
                assert value == pytest.approx(want[name], rel=1e-12, abs=1e-12), (key, name)


FILTERS = [
    {},
    {"channel": "qr"},
    {"sites": "first"},
    {"contact_points": "two"},
    {"characteristic": "personnel"},
    {"characteristic": "environment", "channel": "kiosk", "sites": "first"},
]


def resolve(scene, filters):
    sites = points = characteristic = None
    if filters.get("sites"):
        sites = {scene.sites[0].pk}
    if filters.get("contact_points"):
        points = set(scene.points[:2])
    if filters.get("characteristic") == "personnel":
        characteristic = scene.characteristics[0]
    elif filters.get("characteristic"):
        characteristic = scene.characteristics[1]
    return sites, points, characteristic, filters.get("channel")


def arrange(state: str) -> None:
    """raw: no rollups at all; tail: rolled up to the first 500, the rest raw;
    refreshed: all rolled up by an incremental refresh."""
    if state == "raw":
        rollups.RollupWatermark.objects.all().delete()
        for model in (rollups.EvaluationRollup, rollups.AnswerRollup):
            model.objects.all().delete()
    elif state == "refreshed":
        outcome = rollups.refresh()
        assert outcome["evaluations"] == 210


@pytest.mark.parametrize(
    "start,end", [(START, date(2026, 3, 31)), (date(2026, 2, 1), date(2026, 2, 28))]
)
def test_whole_months_read_month_rows_and_stay_exact(scene, start, end):
    """A quarter of month rows, and one month, whose rows are added up in Python
    rather than grouped in the database."""
    rollups.refresh()
    for group_by in [None, *reads.GROUPS]:
        for filters in FILTERS:
            sites, points, characteristic, channel = resolve(scene, filters)
            figures = reads.satisfaction(
                organization=scene.org,
                user=scene.users["admin"],
                start=start,
                end=end,
                sites=sites,
                contact_points=points,
                characteristic=characteristic,
                channel=channel,
                group_by=group_by,
            )
            expected = recompute(
                scene.org, start, end, sites, points, characteristic, channel, group_by
            )
            same(figures, expected)


def rows(model) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    return sorted(model.objects.values_list(*fields), key=repr)


def test_an_incremental_refresh_equals_a_rebuild(scene):
    assert rollups.watermark() > 0
    rollups.refresh()
    incremental = [rows(rollups.EvaluationRollup), rows(rollups.AnswerRollup)]
    assert rollups.refresh() == {
        "evaluations": 0,
        "days": 0,
        "watermark": rollups.watermark(),
    }
    outcome = rollups.refresh(rebuild=True)
    assert outcome["evaluations"] == Evaluation.objects.count()
    assert [rows(rollups.EvaluationRollup), rows(rollups.AnswerRollup)] == incremental
    # Month rows hold what their days hold.
    cells = rollups.EvaluationRollup.objects.filter(level=2, characteristic_id=None, channel="")
    months, days = cells.filter(span="month"), cells.filter(span="day")
    assert sum(m.responses for m in months) == sum(d.responses for d in days)
    assert sum(m.responses for m in months) == STANDARD.count()


def test_stored_moments_and_all_channel_cells_equal_the_raw_rows(scene):
    """Each answer cell's moment columns (count, sum, sum of squares, top-two box,
    promoters, detractors, effort count and sum) are those of its raw answers; the
    all-channels cells of the coarser levels hold what their channels hold."""
    rollups.refresh()
    moments = [column for column, *_rule in rollups.MOMENT_COLUMNS]
    want: dict = defaultdict(lambda: [0] * len(moments))
    for answer, e, q, day in raw_rows(scene.org):
        if q.type not in reads.NUMERIC or answer.value is None:
            continue
        v = answer.value
        cell = want[(day.replace(day=1), e.channel, q.characteristic_id, q.indicator_id)]
        for n, m in enumerate(rollups.moments_of(q.type, v, 1)):
            cell[n] += m
    stored = rollups.AnswerRollup.objects.filter(organization=scene.org, span="month", level=2)
    got = {
        (r[0], r[1], r[2], r[3]): list(r[4:])
        for r in stored.exclude(channel="").values_list(
            "day", "channel", "characteristic_id", "indicator_id", *moments
        )
    }
    assert got == dict(want)
    assert moments[2] == "rating_squares" and any(m[2] > m[1] for m in got.values())
    for model in (rollups.EvaluationRollup, rollups.AnswerRollup):
        counts = ["responses", "low"] if model is rollups.EvaluationRollup else moments
        keys = ["span", "level", "day", "site_id", "contact_point_id", "characteristic_id"]
        if model is rollups.AnswerRollup:
            keys.append("indicator_id")
        width = len(keys)
        cells = model.objects.filter(organization=scene.org, level__in=(1, 2, 3))
        merged: dict = {}
        combined: dict = {}
        for row in cells.values_list(*keys, "channel", *counts):
            key, channel, values = row[:width], row[width], list(row[width + 1 :])
            if channel:
                total = merged.setdefault(key, [0] * len(counts))
                total[:] = [a + b for a, b in zip(total, values, strict=True)]
            else:
                combined[key] = values
        assert combined == merged, model


def test_the_command_and_the_job_refresh_the_rollups(scene):
    from django.core.management import call_command

    from fuwu.core.jobs import SCHEDULE
    from fuwu.measurement.jobs import rollup_evaluations

    assert "measurement.rollup_evaluations" in SCHEDULE
    assert rollup_evaluations.call()["evaluations"] == 210
    call_command("rollup_evaluations", "--rebuild", verbosity=0)
    assert rollups.watermark() == Evaluation.objects.order_by("-pk").first().pk


def test_daily_has_every_day_and_matches_the_day_figures(scene):
    start, end = START, START + timedelta(days=40)
    days = reads.daily(organization=scene.org, user=scene.users["admin"], start=start, end=end)
    assert [d.day for d in days] == [start + timedelta(days=n) for n in range(41)]
    expected = recompute(scene.org, start, end, None, None, None, None, "day")
    for d in days:
        want = expected.get(d.day)
        if want is None:
            assert (d.responses, d.low, d.mean) == (0, 0, None)
        else:
            assert (d.responses, d.low, d.ratings) == (
                want["responses"],
                want["low"],
                want["ratings"],
            )
            assert d.mean == pytest.approx(want["mean"], rel=1e-12)


def test_indicators_come_weakest_first_with_their_counts(scene):
    rows = reads.indicators(
        organization=scene.org,
        user=scene.users["admin"],
        start=START,
        end=START + timedelta(days=DAYS),
    )
    assert [r.mean for r in rows] == sorted(r.mean for r in rows)
    # Overall, two indicators and a characteristic without an indicator.
    assert len(rows) == 4
    ratings = Answer.objects.filter(
        organization=scene.org,
        question__type=QuestionType.RATING,
        value__isnull=False,
        evaluation__instrument_version__instrument__kind="standard",
    )
    assert sum(r.count for r in rows) == ratings.count()
    overall = next(r for r in rows if r.characteristic is None)
    assert overall.label == "Overall rating"


def test_a_site_manager_reads_only_their_sites(scene):
    kwargs = {"organization": scene.org, "start": START, "end": START + timedelta(days=DAYS)}
    mine = reads.satisfaction(user=scene.users["manager"], group_by="site", **kwargs)
    assert [f.key for f in mine] == [scene.sites[0].pk]
    # Asking for another site gives nothing rather than that site.
    other = reads.satisfaction(
        user=scene.users["manager"], sites=[scene.sites[1].pk], group_by=None, **kwargs
    )
    assert other[0].responses == 0 and other[0].mean is None
    outsider = reads.satisfaction(user=scene.users["outsider"], **kwargs)
    assert outsider[0].responses == 0


def test_bad_groups_and_periods_are_refused(scene):
    kwargs = {"organization": scene.org, "user": scene.users["admin"]}
    with pytest.raises(reads.FilterError):
        reads.satisfaction(start=START, end=START, group_by="year", **kwargs)
    with pytest.raises(reads.FilterError):
        reads.satisfaction(start=START, end=START - timedelta(days=1), **kwargs)


# --- the API --------------------------------------------------------------------------------


def api(scene, username: str | None, **query):
    from rest_framework.test import APIClient

    client = APIClient()
    if username:
        client.force_authenticate(scene.users[username])
    return client.get("/api/v1/satisfaction/", query)


PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}


def test_the_api_gives_the_figures_per_group(scene):
    response = api(scene, "admin", group_by="month", **PERIOD)
    assert response.status_code == 200, response.content
    rows = response.json()
    expected = reads.satisfaction(
        organization=scene.org,
        user=scene.users["admin"],
        start=START,
        end=date(2026, 3, 31),
        group_by="month",
    )
    assert [r["period"] for r in rows] == ["2026-01-01", "2026-02-01", "2026-03-01"]
    assert [r["responses"] for r in rows] == [f.responses for f in expected]
    assert [r["nps"] for r in rows] == [f.nps for f in expected]
    assert rows[0]["label"] == "2026-01" and rows[0]["site"] is None
    total = api(scene, "admin", **PERIOD).json()
    assert len(total) == 1 and total[0]["responses"] == sum(r["responses"] for r in rows)
    by_characteristic = api(scene, "admin", group_by="characteristic", **PERIOD).json()
    assert {r["characteristic"] for r in by_characteristic} == {"personnel", "environment"}
    filtered = api(
        scene, "admin", characteristic="personnel", channel="qr", site=scene.sites[0].pk, **PERIOD
    )
    assert filtered.status_code == 200 and filtered.json()[0]["responses"] > 0


def test_the_api_keeps_to_the_readers_sites(scene):
    rows = api(scene, "manager", group_by="site", **PERIOD).json()
    assert [r["site"] for r in rows] == [scene.sites[0].pk]
    assert api(scene, "manager", site=scene.sites[1].pk, **PERIOD).status_code == 400
    assert api(scene, None, **PERIOD).status_code in (401, 403)
    outsider = api(scene, "outsider", **PERIOD).json()
    assert outsider[0]["responses"] == 0


@pytest.mark.parametrize(
    "query, field",
    [
        ({"group_by": "year"}, "group_by"),
        ({"start": "2026-02-01", "end": "2026-01-01"}, "end"),
        ({"start": "yesterday"}, "start"),
        ({"start": "1990-01-01", "end": "2026-01-01"}, "start"),
        ({"start": "0001-01-01", "end": "0001-01-30"}, "start"),
        ({"site": "-1"}, "site"),
        ({"contact_point": "99999999"}, "contact_point"),
        ({"characteristic": "price"}, "characteristic"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_filters_are_400_per_field(scene, query, field):
    response = api(scene, "admin", **query)
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_study_answers_are_no_satisfaction_responses(scene):
    """A Kano study's evaluations (and the rating among its pairs) count nowhere:
    not in the rollups, not in the tail, not in the API."""
    end = START + timedelta(days=DAYS)
    kwargs = {"organization": scene.org, "user": scene.users["admin"], "start": START}
    studied = Evaluation.objects.filter(organization=scene.org, instrument_version__number=1)
    studied = studied.exclude(instrument_version__instrument__kind="standard")
    assert studied.count() == 30
    ratings = Answer.objects.filter(
        organization=scene.org,
        question__type=QuestionType.RATING,
        evaluation__instrument_version__instrument__kind="standard",
    )
    for state in ("raw", "refreshed"):
        if state == "raw":
            arrange("raw")
        else:
            rollups.refresh(rebuild=True)
        total = reads.satisfaction(end=end, **kwargs)[0]
        assert total.responses == STANDARD.filter(organization=scene.org).count()
        assert total.ratings == ratings.count()
        rows = rollups.EvaluationRollup.objects.filter(
            span="day", level=2, characteristic_id=None, channel=""
        )
        assert sum(r.responses for r in rows) == (total.responses if state != "raw" else 0)
        response = api(scene, "admin", start=str(START), end=str(end))
        assert response.json()[0]["responses"] == total.responses
