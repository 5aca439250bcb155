"""Demo data of customer evaluations: a collection point for each Lakeside contact
point at each hotel, set up a year ago, and the year of evaluations guests have sent
since, at the times they sent them.

The year is plausible rather than uniform (demo_evaluations_data.py): more answers at
weekends, in summer and in the Chinese holidays (Spring Festival, Golden Week), mostly
by QR code, some by link and kiosk, mostly in Chinese; one guest's ratings of a stay go
together, and a share of guests rate several contact points of one stay under one
visit id over one to three days. Taihu's front desk slips over the last month, so the
control chart of its share of low ratings signals then and never before. A handful of
low ratings were followed up as nonconformities on the day they came in.

`generate()` is pure (a seeded random, the day and the instruments' questions in, rows
out); `evaluations()` writes its rows in bulk, one audit entry with a digest of each
day's evaluations (ADR 0028, "The demo's year of evaluations"), because a year through
the per-row import path would keep `fuwu demo` from serving in 20 seconds.
"""

from __future__ import annotations

import itertools
import math
import operator
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.seals import seal_pending

from . import demo_evaluations_data as data
from .digests import evaluation_digest
from .models import LOW_RATING, CollectionPoint, Evaluation, QuestionType
from .services.call_backs import call_back_done, call_back_erase
from .services.collection import collection_point_create, evaluation_submit
from .services.evaluations import instrument_update
from .snapshot import control_plans

DAYS = 365
SEED = 11  # the same demo every time
CHANNELS = ("qr", "link", "kiosk")
# How many of the ratings a guest gives (most give two or three), as cumulative weights.
HOW_MANY = (1, 2, 3, 4, 5)
HOW_MANY_WEIGHTS = (2, 6, 9, 10, 11)
# A journey: the contact points of one stay a guest may rate, with the chance that
# they do, the day of the stay (0: arrival, None: departure) and the hours.
JOURNEY = (
    ("ARRIVAL", 0.85, 0, None),
    ("LUGGAGE", 0.2, 0, None),
    ("ROOM", 0.7, 0, {20: 3, 21: 4, 22: 3}),
    ("RESTAURANT", 0.5, 1, {7: 3, 8: 5, 9: 3, 18: 2, 19: 2}),
    ("CHECKOUT", 0.8, None, None),
)
JOURNEY_SHARE = 0.2  # of the guests who rate the front desk
# At the degrading front desk before it slips, every day stays within this share of the
# year's control limits (p chart of low ratings, individuals chart of the daily mean).
QUIET_MARGIN = 0.85
# A guest whose stay went wrong before they reached the contact point.
BAD_STAY = (0.04, -1.6)


@dataclass(frozen=True)
class Asked:
    """A question of a collection point's current instrument version."""

    id: int
    type: str
    characteristic: str = ""
    required: bool = False
    after_low_rating: bool = False
    options: int = 0


@dataclass(frozen=True)
class Point:
    """A collection point as the generator sees it."""

    site: str
    code: str
    questions: tuple[Asked, ...]
    ref: Any = None  # the CollectionPoint, when there is one

    @cached_property
    def ratings(self) -> list[Asked]:
        return [q for q in self.questions if q.type == QuestionType.RATING]

    @cached_property
    def required(self) -> list[Asked]:
        return [q for q in self.ratings if q.required]

    @cached_property
    def others(self) -> list[Asked]:
        return [q for q in self.questions if q.type != QuestionType.RATING]


@dataclass
class Row:
    point: Point
    submitted_at: datetime
    language: str
    channel: str
    visit_id: str
    mood: float  # the guest's (shared by a journey) plus the point's on the day
    degraded: float  # how far the point has slipped that day (0..1)
    usual: float = 4.0  # the point's on the day
    answers: dict[int, int | str] = field(default_factory=dict)
    comment: str = ""
    low: bool = False
    submission_id: str = ""


# -- the calendar ------------------------------------------------------------------


def busy(site: str, day: date, holidays: dict[date, tuple[str, float]]) -> float:
    """How busy a hotel is on a day against an average day."""
    _scale, _chinese, business, _quality = data.HOTELS.get(site, data.DEFAULT_HOTEL)
    week = data.WEEKDAY_BUSINESS if business else data.WEEKDAY
    factor = week[day.weekday()] * data.SEASON[day.month - 1]
    holiday = holidays.get(day)
    if holiday:
        name, lift = holiday
        if business and name == "spring_festival":
            lift = 0.55  # the park's engineers go home for the New Year
        factor *= lift
    return factor


def _poisson(rng: random.Random, lam: float) -> int:
    """Knuth's method: fine for the small means of a day at a contact point."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


_CUMULATIVE: dict[int, tuple[list[int], list[float]]] = {}


def _moment(rng: random.Random, day: date, hours: dict[int, float]) -> datetime:
    """A time on the day, the hour as weighted, in the current time zone."""
    if id(hours) not in _CUMULATIVE:
        _CUMULATIVE[id(hours)] = (list(hours), list(itertools.accumulate(hours.values())))
    population, cumulative = _CUMULATIVE[id(hours)]
    hour = rng.choices(population, cum_weights=cumulative)[0]
    at = time(hour, rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


# -- one evaluation ----------------------------------------------------------------


def _round(value: float, low: int, high: int) -> int:
    return max(low, min(high, math.floor(value + 0.5)))


def _answer(rng: random.Random, row: Row, offsets: dict[int, float]) -> None:
    """The guest's answers and comment, the ratings correlated through the guest's
    mood and the point's day; low as a customer's submission would be."""
    point, language = row.point, row.language
    ratings, others = point.ratings, point.others
    how_many = min(len(ratings), rng.choices(HOW_MANY, cum_weights=HOW_MANY_WEIGHTS)[0])
    chosen = rng.sample(ratings, how_many)
    chosen += [q for q in point.required if q not in chosen]
    answers: dict[int, int | str] = {}
    by_characteristic: dict[str, list[int]] = defaultdict(list)
    for question in chosen:
        slip = 0.0
        if row.degraded:
            slip = row.degraded * data.DEGRADED.get(question.characteristic, data.DEGRADED_OTHERS)
        value = _round(row.mood + offsets[question.id] + slip + rng.gauss(0, 0.55), 1, 5)
        answers[question.id] = value
        by_characteristic[question.characteristic].append(value)
    low = any(v <= LOW_RATING for v in answers.values())
    mood = row.mood - 0.8 * row.degraded
    for question in others:
        if not question.required and rng.random() < 0.5:
            continue
        if question.type == QuestionType.NPS:
            answers[question.id] = _round(10 - (5 - mood) * 2.8 + rng.gauss(0, 1), 0, 10)
        elif question.type == QuestionType.CES:  # 1 very easy ... 7 very hard
            answers[question.id] = _round(1 + (5 - mood) * 1.5 + rng.gauss(0, 0.8), 1, 7)
        elif question.type == QuestionType.YES_NO:
            answers[question.id] = int(mood + rng.gauss(0, 0.6) > 3.5)
        elif question.type == QuestionType.CHOICE and question.options:
            answers[question.id] = rng.randrange(question.options)
        elif question.type == QuestionType.TEXT and question.after_low_rating:
            if low and rng.random() < 0.5:
                answers[question.id] = rng.choice(data.WHAT_WENT_WRONG[language])
        elif question.type == QuestionType.TEXT and question.required:
            answers[question.id] = rng.choice(data.WHAT_WENT_WRONG[language])
    if not any(isinstance(v, int) for v in answers.values()) and ratings:
        answers[ratings[0].id] = _round(row.mood + rng.gauss(0, 0.55), 1, 5)
    row.answers = answers
    row.low = low or any(
        q.after_low_rating and q.id in answers for q in others if q.type == QuestionType.TEXT
    )
    row.comment = _comment(rng, row, by_characteristic)


def _comment(rng: random.Random, row: Row, by_characteristic: dict[str, list[int]]) -> str:
    values = [v for vs in by_characteristic.values() for v in vs]
    mean = sum(values) / len(values) if values else 4.0
    pleased = not row.low and mean >= 4
    if rng.random() >= (0.55 if row.low else 0.22 if mean >= 4.5 else 0.1):
        return ""
    pair: tuple[str, str] | None = None
    if row.degraded > 0.4 and not pleased and rng.random() < 0.6:
        pair = rng.choice(data.DEGRADED_COMMENTS)
    elif row.point.code in data.POINT_COMMENTS and rng.random() < 0.35:
        pair = rng.choice(data.POINT_COMMENTS[row.point.code][0 if pleased else 1])
    else:
        keys = [k for k in by_characteristic if k in data.COMMENTS] or ["procedure"]
        key = (max if pleased else min)(
            keys,
            key=lambda k: sum(by_characteristic.get(k, [4])) / len(by_characteristic.get(k, [4])),
        )
        pair = rng.choice(data.COMMENTS[key][0 if pleased else 1])
    english, chinese = pair
    return chinese if row.language == "zh-hans" else english


def _guest(rng: random.Random) -> float:
    """How pleased a guest is against the point's day: most near it, a few unhappy."""
    chance, worse = BAD_STAY
    return rng.gauss(0, 0.4) + (worse if rng.random() < chance else 0.0)


# -- the year ----------------------------------------------------------------------


def generate(
    points: Iterable[Point], today: date, now: datetime, *, days: int = DAYS, seed: int = SEED
) -> list[Row]:
    """A year of evaluations at the points, up to `now` (none still to come), in the
    order they were sent. The same inputs give the same rows."""
    rng = random.Random(seed)
    points = list(points)
    first = today - timedelta(days=days)
    holidays: dict[date, tuple[str, float]] = {}
    for year in range(first.year, today.year + 1):
        holidays |= data.holidays(year)
    offsets = {  # how each question fares at its point: the characteristic's and its own
        (p.site, p.code, q.id): data.CHARACTERISTIC.get(q.characteristic, 0.0) + rng.gauss(0, 0.08)
        for p in points
        for q in p.questions
    }
    rows: list[Row] = []
    by_site: dict[str, dict[str, Point]] = defaultdict(dict)
    for point in points:
        by_site[point.site][point.code] = point

    def quality(point: Point, day: date, load: float) -> tuple[float, float]:
        _s, _c, _b, better = data.HOTELS.get(point.site, data.DEFAULT_HOTEL)
        mean = data.POINTS.get(point.code, data.DEFAULT_POINT)[1] + better
        mean -= 0.15 * max(0.0, load - 1.4)  # the busiest days are a little worse
        slip = 0.0
        if (point.site, point.code) == data.DEGRADING:
            ago = (today - day).days
            slip = max(0.0, min(1.0, (data.DEGRADING_DAYS - ago) / data.DEGRADING_DAYS))
        return mean, slip

    def add(point: Point, at: datetime, language: str, guest: float, visit: str, load: float):
        if at >= now:
            return
        mean, slip = quality(point, at.date(), load)
        channels = data.POINTS.get(point.code, data.DEFAULT_POINT)[2]
        channel = rng.choices(CHANNELS, channels)[0] if not visit else "qr"
        rows.append(Row(point, at, language, channel, visit, mean + guest, slip, mean))

    for n in range(days + 1):
        day = first + timedelta(days=n)
        for site in sorted(by_site):
            scale, chinese, _business, _quality = data.HOTELS.get(site, data.DEFAULT_HOTEL)
            load = busy(site, day, holidays)
            journeys = 0
            if "ARRIVAL" in by_site[site]:
                front = data.POINTS["ARRIVAL"][0] * scale * load
                journeys = _poisson(rng, front * JOURNEY_SHARE)
            for code in sorted(by_site[site]):
                point = by_site[site][code]
                volume, _mean, _channels, hours = data.POINTS.get(code, data.DEFAULT_POINT)
                if code == "ARRIVAL":
                    volume *= 1 - JOURNEY_SHARE
                for _ in range(_poisson(rng, volume * scale * load)):
                    language = "zh-hans" if rng.random() < chinese else "en"
                    add(point, _moment(rng, day, hours), language, _guest(rng), "", load)
            for _ in range(journeys):
                language = "zh-hans" if rng.random() < chinese else "en"
                guest = _guest(rng)
                nights = rng.choices((1, 2, 3), (5, 3, 2))[0]
                visit = f"v{rng.getrandbits(64):016x}"
                touched = []
                for code, chance, on, hours in JOURNEY:
                    if code not in by_site[site] or rng.random() >= chance:
                        continue
                    stay_day = day + timedelta(days=nights if on is None else min(on, nights))
                    hours = hours or data.POINTS.get(code, data.DEFAULT_POINT)[3]
                    touched.append((code, _moment(rng, stay_day, hours)))
                if len(touched) < 2:
                    continue  # one contact point is not a journey: not rated at all
                for code, at in touched:
                    add(by_site[site][code], at, language, guest, visit, load)
    rows.sort(key=lambda r: r.submitted_at)
    offsets_by_point = defaultdict(dict)
    for (site, code, qid), offset in offsets.items():
        offsets_by_point[(site, code)][qid] = offset
    for row in rows:
        _answer(rng, row, offsets_by_point[(row.point.site, row.point.code)])
    _quiet_before_the_slip(rng, rows, offsets_by_point, today)
    for number, row in enumerate(rows, start=1):
        row.submission_id = f"demo-{row.point.site}-{number:06d}"
    return rows


def _daily_mean(group: list[Row]) -> float:
    values = [r.answers[q.id] for r in group for q in r.point.ratings if q.id in r.answers]
    return sum(values) / len(values) if values else 0.0


def _quiet_before_the_slip(rng: random.Random, rows: list[Row], offsets: dict, today: date):
    """Before the front desk slips, no day of it is out of the ordinary: a day that a
    p-chart of the share of low ratings or an individuals chart of the daily mean over
    the year would come near flagging is answered again (by a guest the day could have
    had), until the year's charts are quiet before the slip."""
    days: dict[date, list[Row]] = defaultdict(list)
    for row in rows:
        if (row.point.site, row.point.code) == data.DEGRADING:
            days[row.submitted_at.date()].append(row)
    quiet = {day: group for day, group in days.items() if not any(r.degraded for r in group)}

    def within(group: list[Row], p: float, center: float, spread: float, margin: float) -> bool:
        n, low = len(group), sum(r.low for r in group)
        return (
            low <= n * p + margin * 3 * math.sqrt(n * p * (1 - p))
            and abs(_daily_mean(group) - center) <= margin * spread
        )

    for _round in range(30):
        groups = [days[day] for day in sorted(days)]
        p = sum(r.low for g in groups for r in g) / sum(len(g) for g in groups)
        means = [_daily_mean(g) for g in groups]
        center = sum(means) / len(means)
        ranges = [abs(b - a) for a, b in itertools.pairwise(means)]
        spread = 3 * (sum(ranges) / max(1, len(ranges))) / 1.128
        flagged = [
            g for _d, g in sorted(quiet.items()) if not within(g, p, center, spread, QUIET_MARGIN)
        ]
        if not flagged:
            return
        for group in flagged:
            for attempt in range(200):
                if within(group, p, center, spread, QUIET_MARGIN**2):
                    break
                for row in group:
                    if attempt >= 20:  # a guest the day cannot have had
                        row.mood = row.usual + rng.gauss(0, 0.4)
                    _answer(rng, row, offsets[(row.point.site, row.point.code)])


# -- writing it down ---------------------------------------------------------------


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Rows of a model (values as the database takes them) in one executemany: the
    per-object work of bulk_create (instances, per-field preparation) costs seconds
    over a year of answers. Fields a row leaves out take their default."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    missing = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.attname not in rows[0]
    }
    pick = operator.itemgetter(*[f.attname for f in fields])
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    values = [pick(row | missing) if missing else pick(row) for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 5000):
            cursor.executemany(sql, values[start : start + 5000])


def _row_digest(organization: Any, r: Row) -> str:
    """The evaluation's content digest, as the submission path computes it."""
    fields = {
        "organization_id": organization.pk,
        "collection_point_id": r.point.ref.pk,
        "site_id": r.point.ref.site_id,
        "contact_point_id": r.point.ref.contact_point_id,
        "instrument_version_id": r.point.ref.instrument.current_version_id,
        "submission_id": r.submission_id,
        "submitted_at": r.submitted_at,
        "language": r.language,
        "channel": r.channel,
        "visit_id": r.visit_id,
        "comment": r.comment,
        "low": r.low,
    }
    return evaluation_digest(fields, _answered(r))


def _answered(r: Row) -> list[list[Any]]:
    """The row's answers as the evaluation keeps them: [question id, value, text]."""
    return [
        [q, v if isinstance(v, int) else None, v if isinstance(v, str) else ""]
        for q, v in r.answers.items()
    ]


def store(organization: Any, rows: list[Row]) -> dict[str, int]:
    """Write the rows (evaluations, their answers in them), each evaluation with the
    digest its seal chains into the audit trail (ADR 0030). Returns submission id ->
    evaluation id."""
    adapt = connection.ops.adapt_datetimefield_value
    answered = Evaluation._meta.get_field("answered")
    stamps = {r.submission_id: adapt(r.submitted_at) for r in rows}
    with transaction.atomic():
        _insert(
            Evaluation,
            [
                {
                    "organization_id": organization.pk,
                    "collection_point_id": r.point.ref.pk,
                    "site_id": r.point.ref.site_id,
                    "contact_point_id": r.point.ref.contact_point_id,
                    "instrument_version_id": r.point.ref.instrument.current_version_id,
                    "submission_id": r.submission_id,
                    "submitted_at": stamps[r.submission_id],
                    "language": r.language,
                    "channel": r.channel,
                    "visit_id": r.visit_id,
                    "comment": r.comment,
                    "low": r.low,
                    "nonconformity_id": None,
                    "created_at": stamps[r.submission_id],
                    "updated_at": stamps[r.submission_id],
                    "digest": _row_digest(organization, r),
                    "answered": answered.get_db_prep_save(_answered(r), connection),
                }
                for r in rows
            ],
        )
        ids = dict(
            Evaluation.objects.filter(
                organization=organization, submission_id__startswith="demo-"
            ).values_list("submission_id", "pk")
        )
    return ids


def _points(organization: Any, actor: Any) -> list[Point]:
    points = []
    with clock.seeding_at(days_ago(DAYS + 1, 9)):
        plans = control_plans(organization)
        for key in sorted(plans):
            plan = plans[key]
            ref = collection_point_create(
                actor=actor, organization=organization, site=plan.site, contact_point=plan.point
            )
            questions = tuple(
                Asked(
                    q.pk,
                    q.type,
                    q.characteristic.key if q.characteristic_id else "",
                    q.required,
                    q.after_low_rating,
                    len(q.options("en")),
                )
                for q in ref.instrument.current_version.questions.select_related("characteristic")
            )
            points.append(Point(plan.site.code, plan.point.code, questions, ref))
    return points


@seeder(order=330, label=gettext_lazy("a year of guests' evaluations"))
def evaluations(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    lakeside = organizations["lakeside"]
    points = _points(lakeside, users["quality"])
    rows = generate(points, clock.real_today(), clock.real_now() - timedelta(minutes=5))
    ids = store(lakeside, rows)
    follow_ups(rows, ids, users)


@seeder(order=331, label=gettext_lazy("call-back requests"))
def call_back_requests(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    # Guests at arrival may ask to be called back (with consent, ADR 0029); the points
    # in the order they were set up (the hotels by code).
    arrivals = list(
        CollectionPoint.objects.filter(
            organization=organizations["lakeside"], contact_point__code="ARRIVAL"
        )
        .select_related("instrument", "contact_point")
        .order_by("pk")
    )
    with clock.seeding_at(days_ago(DAYS + 1, 10)):
        for instrument in {p.instrument for p in arrivals}:
            instrument_update(
                actor=users["quality"], instrument=instrument, data={"offer_call_back": True}
            )
    call_backs(arrivals, users)


@seeder(order=339, label=gettext_lazy("evaluations sealed into the audit trail"))
def seal(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    """Every seeded evaluation (the year, the call-backs, the Kano study) chained into
    the audit trail, as the worker would have done (ADR 0030)."""
    for organization in organizations.values():
        seal_pending(organization_id=organization.pk)


# -- the low ratings someone followed up --------------------------------------------

# (site, contact point, about how many days ago): the first low evaluation of the day
# nearest to it raised a remedial follow-up, as a customer's submission would have.
FOLLOWED_UP = (
    ("WX01", "ARRIVAL", 12),
    ("WX01", "ARRIVAL", 7),
    ("WX01", "ARRIVAL", 3),
    ("WX01", "ARRIVAL", 1),
    ("HZ01", "CHECKOUT", 19),
    ("HZ01", "RESTAURANT", 120),
    ("SZ01", "ROOM", 200),
)
SETTLED_AFTER = 10  # older follow-ups were analysed, disposed of and closed


def follow_ups(rows: list[Row], ids: dict[str, int], users: dict[str, Any]) -> None:
    from fuwu.improvement.services import nonconformities as ncs

    from .demo_data import DISPOSITION, ROOT
    from .services.raising import raise_follow_up

    today = clock.real_today()
    low_days: dict[tuple[str, str], dict[date, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row.low:
            low_days[(row.point.site, row.point.code)][row.submitted_at.date()].append(row)
    done: set[tuple[str, str, date]] = set()
    for site, code, ago in FOLLOWED_UP:
        days = low_days.get((site, code))
        if not days:
            continue
        wanted = today - timedelta(days=ago)
        day = min(days, key=lambda d: (abs((d - wanted).days), d))
        if (site, code, day) in done:
            continue
        done.add((site, code, day))
        first = days[day][0]
        evaluation = Evaluation.objects.select_related(
            "collection_point__contact_point", "collection_point__site", "organization"
        ).get(pk=ids[first.submission_id])
        answers = list(evaluation.answers.select_related("question__characteristic"))
        owner = evaluation.collection_point.owner
        with clock.seeding_at(first.submitted_at + timedelta(minutes=1)):
            nc = raise_follow_up(actor=owner, evaluation=evaluation, answers=answers)
        # The day's later low evaluations at the point join it (ADR 0028).
        Evaluation.objects.filter(pk__in=[ids[r.submission_id] for r in days[day]]).update(
            nonconformity_id=nc.pk
        )
        if (today - day).days < SETTLED_AFTER:
            continue
        with clock.seeding_at(clock.on(day + timedelta(days=1), 10)):
            ncs.nonconformity_analyse(
                actor=users["quality"],
                nonconformity=nc,
                cause_category="method",
                root_cause_en=ROOT[0],
                root_cause_zh=ROOT[1],
            )
            ncs.nonconformity_dispose(
                actor=users["quality"],
                nonconformity=nc,
                disposition_en=DISPOSITION[0],
                disposition_zh=DISPOSITION[1],
                customer_informed=True,
            )
        with clock.seeding_at(clock.on(day + timedelta(days=8), 16)):
            ncs.nonconformity_close(actor=users["quality"], nonconformity=nc)


# Two guests at arrival asked to be called back, with consent: one was called and
# their number erased, one is still to call (ADR 0029).
CALL_BACKS = (
    (5, "zh-hans", "13800138000", "等了二十分钟才办好入住。", True),
    (1, "en", "guest@example.com", "Nobody at the desk when we arrived late.", False),
)


def call_backs(points: list[Any], users: dict[str, Any]) -> None:
    arrivals = [p for p in points if p.contact_point.code == "ARRIVAL"]
    for point, (ago, language, contact, comment, called) in zip(arrivals, CALL_BACKS, strict=False):
        point.instrument.refresh_from_db()  # the call-back offer was switched on above
        version = point.instrument.current_version
        rating = next(q for q in version.questions.all() if q.type == QuestionType.RATING)
        with clock.seeding_at(days_ago(ago, 20, 15)):
            evaluation, _created = evaluation_submit(
                point=point,
                submission_id=f"demo-call-back-{point.pk}",
                answers={str(rating.pk): 2},
                language=language,
                comment=comment,
                call_back={"consent": True, "contact": contact},
            )
        if called:
            request = evaluation.call_back
            with clock.seeding_at(days_ago(ago - 1, 10, 5)):
                call_back_done(actor=users["quality"], request=request)
                call_back_erase(actor=users["quality"], request=request)
