"""Satisfaction dashboards at chain scale: figures from rollups vs GROUP BY over raw rows.

Seeds one organization with 2,000 sites x 20 contact points and a year of evaluations
(`--evaluations`, default 10 million) by COPY — each with an overall rating, and some
with indicator ratings, a recommendation (NPS) and an effort score (CES), better at some
sites than others, worse at weekends — rolls them up (`refresh(rebuild=True)`, timed),
then lets a few hundred more arrive (the tail the worker has not rolled up yet) and
times the dashboard's figures through the read layer (`fuwu.measurement.satisfaction`):

- satisfaction by month for the organization over the year;
- satisfaction by site for one month;
- the daily series of one contact point (all sites) over the year, and of one contact
  point at one site over a quarter;
- the weakest indicators of the organization over the year.

The reference is the same figures computed by GROUP BY over the raw rows, in the same
run (the read layer with the watermark at 0). Targets: p95 under 100 ms (printed also
against the CPU reference workload of `_reference.py`, ≤ 1x where it takes 0.1 s) and at
least 50x faster than the raw GROUP BY. The figures of both must be equal (exactness at
scale). PostgreSQL only:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fuwu_bench \\
        python benchmarks/dashboard_rollups.py --evaluations 1000000
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from _reference import reference_seconds
from _setup import django_ready, fresh_org

SLUG = "bench-rollups"
YEAR = 2025
P95_MS = 100
RATIO = 50
TAIL = 300


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def build_scene(org, sites_n: int, points_n: int):
    """Sites, contact points, an instrument, collection points: (instrument version,
    questions by role, collection point ids by (site index, point index), sites,
    points)."""
    from fuwu.core.models import Site
    from fuwu.design.models import Characteristic, ContactPoint
    from fuwu.measurement.models import (
        CollectionPoint,
        Instrument,
        InstrumentVersion,
        Question,
        QuestionType,
    )

    sites = Site.objects.bulk_create(
        Site(organization=org, code=f"S{n:04d}", name_en=f"Hotel {n}", name_zh=f"酒店{n}")
        for n in range(sites_n)
    )
    points = ContactPoint.objects.bulk_create(
        ContactPoint(
            organization=org,
            code=f"P{n:02d}",
            name_en=f"Point {n}",
            name_zh=f"触点{n}",
            stage="during",
            status="active",
        )
        for n in range(points_n)
    )
    characteristics = {c.key: c for c in Characteristic.objects.filter(organization=org)}
    instrument = Instrument.objects.create(organization=org, name_en="Stay", name_zh="入住")
    version = InstrumentVersion.objects.create(organization=org, instrument=instrument, number=1)
    instrument.current_version = version
    instrument.save(update_fields=["current_version"])

    def question(order, type_, key=None, indicator=0):
        characteristic = characteristics[key] if key else None
        return Question.objects.create(
            organization=org,
            version=version,
            order=order,
            type=type_,
            text_en=f"Question {order}",
            text_zh=f"问题{order}",
            characteristic=characteristic,
            indicator=characteristic.indicators.order_by("order")[indicator] if key else None,
        )

    questions = {
        "overall": question(1, QuestionType.RATING),
        "indicators": [
            question(2, QuestionType.RATING, "personnel", 0),
            question(3, QuestionType.RATING, "personnel", 1),
            question(4, QuestionType.RATING, "environment", 0),
            question(5, QuestionType.RATING, "procedure", 0),
        ],
        "nps": question(6, QuestionType.NPS),
        "ces": question(7, QuestionType.CES, "procedure", 0),
    }
    collection = {}
    batch = []
    for s, site in enumerate(sites):
        for p, point in enumerate(points):
            batch.append(
                CollectionPoint(
                    organization=org,
                    site=site,
                    contact_point=point,
                    instrument=instrument,
                    token=f"bench-{org.pk}-{site.pk}-{point.pk}",
                )
            )
            collection[(s, p)] = batch[-1]
        if len(batch) >= 10_000:
            CollectionPoint.objects.bulk_create(batch)
            batch = []
    CollectionPoint.objects.bulk_create(batch)
    return version, questions, {k: v.pk for k, v in collection.items()}, sites, points


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def copy_evaluations(
    org, version, questions, collection, sites, points, days: list[date], per_day: list[int]
) -> int:
    """COPY the evaluations of these days (ids following the table's), their answers
    in them. Returns the number of evaluations."""
    from django.db import connection

    from fuwu.measurement.models import Evaluation

    rng = random.Random(len(days) * 7919 + sum(per_day))
    tz = ZoneInfo("Asia/Shanghai")
    site_quality = [rng.gauss(4.1, 0.35) for _ in sites]
    point_offset = [rng.gauss(0.0, 0.25) for _ in points]
    overall, indicators = questions["overall"].pk, [q.pk for q in questions["indicators"]]
    nps_q, ces_q = questions["nps"].pk, questions["ces"].pk
    channels = ["qr"] * 14 + ["link"] * 4 + ["kiosk"] * 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM measurement_evaluation")
        next_id = cursor.fetchone()[0] + 1
    now = datetime.now(tz).isoformat()
    total = 0
    raw = connection.connection  # psycopg
    for day, n in zip(days, per_day, strict=True):
        weekend = -0.25 if day.weekday() >= 5 else 0.0
        moments = sorted(rng.randrange(7 * 3600, 23 * 3600) for _ in range(n))
        ev = io.StringIO()
        for seconds in moments:
            s, p = rng.randrange(len(sites)), rng.randrange(len(points))
            level = site_quality[s] + point_offset[p] + weekend
            rating = _clip(rng.gauss(level, 0.9), 1, 5)
            answers = [(overall, rating)]
            for q in indicators:
                if rng.random() < 0.2:
                    answers.append((q, _clip(rng.gauss(level, 1.0), 1, 5)))
            if rng.random() < 0.4:
                answers.append((nps_q, _clip(rng.gauss(level * 2, 1.6), 0, 10)))
            if rng.random() < 0.15:
                answers.append((ces_q, _clip(rng.gauss(7.5 - level, 1.0), 1, 7)))
            low = any(v <= 2 for q, v in answers if q in (overall, *indicators))
            moment = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(seconds=seconds)
            answered = json.dumps([[q, v, ""] for q, v in answers])
            ev.write(
                f"{next_id}\t{org.pk}\t{now}\t{now}\t{collection[(s, p)]}\t{sites[s].pk}\t"
                f"{points[p].pk}\t{version.pk}\tb{next_id}\t{moment.isoformat()}\tzh-hans\t"
                f"{rng.choice(channels)}\t\t\t{'t' if low else 'f'}\t\\N\t{next_id:064x}\t"
                f"{answered}\n"
            )
            next_id += 1
        with (
            raw.cursor() as cursor,
            cursor.copy(
                f"COPY {Evaluation._meta.db_table} (id, organization_id, created_at, updated_at, "
                "collection_point_id, site_id, contact_point_id, instrument_version_id, "
                "submission_id, submitted_at, language, channel, visit_id, comment, low, "
                "nonconformity_id, digest, answered) FROM STDIN"
            ) as copy,
        ):
            copy.write(ev.getvalue())
        total += n
    with connection.cursor() as cursor:
        table = Evaluation._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    return total


def seed(org, evaluations: int, sites_n: int, points_n: int) -> tuple:
    version, questions, collection, sites, points = build_scene(org, sites_n, points_n)
    days = [date(YEAR, 1, 1) + timedelta(days=n) for n in range(365)]
    # Busier in summer and around the new year.
    weights = [
        1.0 + 0.35 * math.cos((d.timetuple().tm_yday - 200) / 365 * 2 * math.pi) for d in days
    ]
    per_day = [int(evaluations * w / sum(weights)) for w in weights]
    per_day[-1] += evaluations - sum(per_day)
    from django.db import connection, transaction

    with transaction.atomic():
        # A bulk loader's COPY: the generated rows refer to rows that exist, so the
        # deferred foreign-key checks (minutes at commit for millions of rows) are
        # skipped for this transaction (superuser only, as on the benchmark database).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
        copied = copy_evaluations(org, version, questions, collection, sites, points, days, per_day)
    return version, questions, collection, sites, points, copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evaluations", type=int, default=10_000_000)
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--runs", type=int, default=40, help="timed runs per figure (rollups)")
    parser.add_argument("--raw-runs", type=int, default=3, help="timed runs per raw GROUP BY")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the data a previous run seeded in the same database (no seeding)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="with --reuse: rebuild the rollups first"
    )
    parser.add_argument(
        "--seed-only",
        action="store_true",
        help="seed and roll up, then stop (time later with --reuse)",
    )
    args = parser.parse_args()
    vendor = django_ready()
    if vendor != "postgresql":
        sys.exit("dashboard_rollups.py needs PostgreSQL: set DATABASE_URL")

    from django.db import connection

    from fuwu.measurement import rollups
    from fuwu.measurement import satisfaction as reads

    if args.reuse:
        org, reader, sites, points = _reused(args)
        if args.rebuild:
            # A rebuild takes the tail in: the previous tail run goes with it.
            started = time.perf_counter()
            outcome = rollups.refresh(rebuild=True)
            print(f"rollups rebuilt in {time.perf_counter() - started:.0f} s ({outcome})")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE measurement_evaluationrollup")
                cursor.execute("VACUUM ANALYZE measurement_answerrollup")
            # The tail again: the last day's newest evaluations above the watermark.
            version, questions, collection = _scene_of(org, sites, points)
            copy_evaluations(
                org, version, questions, collection, sites, points, [date(YEAR, 12, 31)], [TAIL]
            )
    else:
        org, reader, sites, points = _seeded(args)
        if args.seed_only:
            return
    last = date(YEAR, 12, 31)
    year = {"start": date(YEAR, 1, 1), "end": last}
    june = {"start": date(YEAR, 6, 1), "end": date(YEAR, 6, 30)}
    quarter = {"start": date(YEAR, 10, 1), "end": last}
    common = {"organization": org, "user": reader}
    point = points[3].pk
    figures = {
        "satisfaction by month, organization, a year": lambda: reads.satisfaction(
            **common, **year, group_by="month"
        ),
        "satisfaction by site, one month": lambda: reads.satisfaction(
            **common, **june, group_by="site"
        ),
        "daily series, one contact point (all sites), a year": lambda: reads.daily(
            **common, **year, contact_points=[point]
        ),
        "daily series, one contact point at one site, a quarter": lambda: reads.daily(
            **common, **quarter, contact_points=[point], sites=[sites[7].pk]
        ),
        "weakest indicators, organization, a year": lambda: reads.indicators(**common, **year),
    }
    reference = reference_seconds()
    real_watermark = reads.watermark
    ok = True
    print(f"reference workload: {reference * 1000:.0f} ms")
    print(f"{'figure':<56} {'p50':>7} {'p95':>7} {'raw GROUP BY':>13} {'ratio':>7}  verdict")
    for label, read in figures.items():
        fast = read()  # warm-up: plans, translations
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            read()
            timings.append(time.perf_counter() - started)
        reads.watermark = lambda: 0  # the same read over the raw rows alone
        try:
            slow_timings = []
            for _ in range(args.raw_runs):
                started = time.perf_counter()
                slow = read()
                slow_timings.append(time.perf_counter() - started)
        finally:
            reads.watermark = real_watermark
        exact = _equal(fast, slow)
        p50, p95 = statistics.median(timings), _percentile(timings, 0.95)
        raw = statistics.median(slow_timings)
        ratio = raw / p95
        good = p95 * 1000 < P95_MS and ratio >= RATIO and exact
        ok &= good
        print(
            f"{label:<56} {p50 * 1000:>5.1f}ms {p95 * 1000:>5.1f}ms {raw * 1000:>11.0f}ms "
            f"{ratio:>6.0f}x  {'OK' if good else 'TOO SLOW' if exact else 'NOT EXACT'}"
            f" (p95 = {p95 / reference:.2f}x reference)"
        )
    print(f"targets: p95 < {P95_MS} ms and ≥ {RATIO}x the raw GROUP BY; figures equal")
    sys.exit(0 if ok else 1)


def _seeded(args) -> tuple:
    """Seed the evaluations by COPY, rebuild the rollups as `fuwu rollup-evaluations
    --rebuild` does, then COPY a tail above the watermark."""
    from django.db import connection

    from fuwu.core.models import Membership, Role, User
    from fuwu.measurement import rollups

    org, _root = fresh_org(SLUG)
    reader, _ = User.objects.get_or_create(username="bench-rollups-reader")
    Membership.objects.create(user=reader, organization=org, role=Role.ADMIN)
    started = time.perf_counter()
    version, questions, collection, sites, points, _copied = seed(
        org, args.evaluations, args.sites, args.points
    )
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE measurement_evaluation")
    started = time.perf_counter()
    outcome = rollups.refresh(rebuild=True)
    rolled = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE measurement_evaluationrollup")
        cursor.execute("VACUUM ANALYZE measurement_answerrollup")
        cursor.execute("SELECT count(*) FROM measurement_evaluationrollup")
        rollup_rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM measurement_answerrollup")
        rollup_rows += cursor.fetchone()[0]
    # The tail: evaluations of the last day that arrived after the worker ran.
    last = date(YEAR, 12, 31)
    tail = copy_evaluations(org, version, questions, collection, sites, points, [last], [TAIL])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM measurement_evaluation WHERE organization_id = %s", [org.pk]
        )
        stored = cursor.fetchone()[0]
    print(
        f"database: postgresql; {stored:,} evaluations ({args.sites:,} sites x {args.points} "
        f"contact points x 365 days) seeded by COPY in {seeded:.0f} s; rollups rebuilt in "
        f"{rolled:.0f} s ({outcome['days']} days, {rollup_rows:,} rollup rows); "
        f"{tail} more in the tail"
    )
    return org, reader, sites, points


def _reused(args) -> tuple:
    from django.db import connection

    from fuwu.core.models import Organization, Site, User
    from fuwu.design.models import ContactPoint

    org = Organization.objects.get(slug=SLUG)
    reader = User.objects.get(username="bench-rollups-reader")
    sites = list(Site.objects.filter(organization=org).order_by("code"))
    points = list(ContactPoint.objects.filter(organization=org).order_by("code"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM measurement_evaluation WHERE organization_id = %s", [org.pk]
        )
        stored = cursor.fetchone()[0]
    print(f"reusing {stored:,} evaluations of {len(sites):,} sites x {len(points)} points")
    return org, reader, sites, points


def _scene_of(org, sites, points) -> tuple:
    from fuwu.measurement.models import CollectionPoint, Instrument

    instrument = Instrument.objects.get(organization=org, name_en="Stay")
    version = instrument.current_version
    by_role = list(version.questions.order_by("order"))
    questions = {
        "overall": by_role[0],
        "indicators": by_role[1:5],
        "nps": by_role[5],
        "ces": by_role[6],
    }
    site_at = {site.pk: n for n, site in enumerate(sites)}
    point_at = {point.pk: n for n, point in enumerate(points)}
    collection = {
        (site_at[s], point_at[p]): pk
        for pk, s, p in CollectionPoint.objects.filter(organization=org).values_list(
            "pk", "site_id", "contact_point_id"
        )
    }
    return version, questions, collection


def _equal(a: list, b: list) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        for name, value in vars(x).items():
            other = vars(y)[name]
            if isinstance(value, float) and isinstance(other, float):
                if not math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-9):
                    return False
            elif value != other:
                return False
    return True


if __name__ == "__main__":
    main()
