"""Keeping the evaluation rollups current, and reading them (ADR 0031).

The worker's job (and `fuwu rollup-evaluations`) calls :func:`refresh`: it takes the
highest evaluation id that is safe to roll up (no transaction still writing below it),
recomputes from the raw rows every day the new evaluations fall on — per contact point
at a site, then per site, per contact point at all sites and per organization — and the
months those days belong to, then moves the watermark, all in one transaction.
Recomputing whole days, rather than adding the new rows to them, keeps a rollup exactly
what the raw rows say whatever order evaluations arrive in (an import of last year's
paper forms touches old days).

:func:`gather` reads the rollups for the satisfaction read layer
(:mod:`fuwu.measurement.satisfaction`), which adds the evaluations above the watermark
from the raw rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, F, Max, Q, Sum, Value
from django.db.models.functions import Cast, TruncDate, TruncMonth
from django.utils import timezone

from .models import Answer, Evaluation
from .models.evaluations import InstrumentKind, QuestionType
from .models.rollups import (
    ALL_CHANNELS,
    HISTOGRAM,
    MOMENT_COLUMNS,
    AnswerRollup,
    EvaluationRollup,
    Level,
    RollupWatermark,
    Span,
)

WATERMARK = "evaluations"
NUMERIC = (QuestionType.RATING, QuestionType.NPS, QuestionType.CES)
# Days recomputed per statement: bounds the size of one INSERT ... SELECT.
DAYS_PER_BATCH = 31
# Memory for the GROUP BYs of one refresh (PostgreSQL), for its transaction only.
WORK_MEM = "256MB"


def counted(prefix: str = "") -> Q:
    """The evaluations that are satisfaction responses: those of evaluation
    instruments. A Kano or SERVQUAL study's answers say what customers expect of a
    feature, not how satisfied they were; the study reads them itself
    (:mod:`fuwu.measurement.studies`). `prefix` reaches the evaluation from another
    model ("evaluation__" from an answer)."""
    return Q(**{f"{prefix}instrument_version__instrument__kind": InstrumentKind.STANDARD})


# Per subject, the integers every figure is computed from (exact: no sampling, no
# rounding): ratings (count, sum, sum of squares, top-two-box), recommendations
# (count, promoters, detractors), effort (count, sum) — the stored moment columns, in
# their order.
MOMENTS = ("r_n", "r_sum", "r_sq", "r_top", "n_n", "n_pro", "n_det", "c_n", "c_sum")


def moments_of(kind: str, value: int, count: int) -> tuple[int, ...]:
    """The moments `count` answers of one value add."""
    return tuple(
        count * weight(value) if k == kind and where(value) else 0
        for _column, k, weight, where in MOMENT_COLUMNS
    )


@dataclass
class Acc:
    """Counts of one group: evaluations, low ones, and the moments of its numeric
    answers per subject (characteristic id, indicator id)."""

    responses: int = 0
    low: int = 0
    subjects: dict[tuple[int | None, int | None], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0] * len(MOMENTS))
    )

    def add_moments(self, subject: tuple[int | None, int | None], moments: Iterable[int]) -> None:
        target = self.subjects.get(subject)
        if target is None:  # the common case: one row per group and subject
            self.subjects[subject] = list(moments)
        else:
            target[:] = [a + b for a, b in zip(target, moments, strict=True)]

    def add(self, other: Acc) -> None:
        self.responses += other.responses
        self.low += other.low
        for subject, moments in other.subjects.items():
            self.add_moments(subject, moments)


# --- the watermark ---------------------------------------------------------------------------


def watermark() -> int:
    """The highest evaluation id the rollups hold (0: none yet)."""
    found = RollupWatermark.objects.filter(name=WATERMARK).values_list("last_id", flat=True)
    return found.first() or 0


def _safe_last_id() -> int:
    """The highest evaluation id below which every evaluation is committed. On
    PostgreSQL a transaction may take id 10 and commit after another took 11 and
    committed: a brief SHARE lock waits for writers in flight (milliseconds; new
    submissions wait that long at most), then the highest id is final."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{Evaluation._meta.db_table}" IN SHARE MODE')
        return Evaluation.objects.aggregate(last=Max("pk"))["last"] or 0


# --- writing -----------------------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _runs(days: Iterable[date], longest: int | None = DAYS_PER_BATCH) -> list[tuple[date, date]]:
    """Contiguous runs of days, each at most `longest` days long (None: as long as
    they come): [(first, last)]."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if (
            runs
            and day == runs[-1][1] + timedelta(days=1)
            and (longest is None or (day - runs[-1][0]).days < longest)
        ):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _insert(model: type[models.Model], qs: models.QuerySet, columns: dict[str, str]) -> None:
    """INSERT INTO model's table the rows of `qs`, which selects only annotations
    (in the order they were added); `columns` maps each alias to its column."""
    aliases = list(qs.query.annotation_select)
    sql, params = qs.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(columns[a]) for a in aliases)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql}", params)


def _null() -> Cast:
    return Cast(Value(None), models.IntegerField())


CELL = {
    "r_org": "organization_id",
    "r_span": "span",
    "r_level": "level",
    "r_day": "day",
    "r_site": "site_id",
    "r_point": "contact_point_id",
    "r_channel": "channel",
    "r_char": "characteristic_id",
    "r_ind": "indicator_id",
    "r_responses": "responses",
    "r_low": "low",
} | {f"r_{column}": column for _kind, _value, column in HISTOGRAM}
CELL |= {f"r_{column}": column for column, *_rule in MOMENT_COLUMNS}


def _histogram_counts() -> dict[str, Count]:
    return {
        f"r_{column}": Count("pk", filter=Q(question__type=kind, value=value))
        for kind, value, column in HISTOGRAM
    }


def _moments_of_histogram(prefix: str = "r_") -> dict[str, Any]:
    """Each moment column as a weighted sum of the histogram columns (`prefix`: of
    the aliases of the histogram counts in the same SELECT)."""
    moments: dict[str, Any] = {}
    for column, kind, weight, where in MOMENT_COLUMNS:
        expression: Any = None
        for k, value, bucket in HISTOGRAM:
            if k != kind or not where(value) or not weight(value):
                continue
            term = F(f"{prefix}{bucket}")
            if weight(value) != 1:
                term = term * weight(value)
            expression = term if expression is None else expression + term
        moments[f"r_{column}"] = expression
    return moments


def _raw_days(organization_id: int, first: date, last: date, upto: int) -> None:
    """Day rows of the contact points at sites, from the raw rows of these days."""
    window = Q(
        submitted_at__gte=_day_start(first), submitted_at__lt=_day_start(last + timedelta(1))
    )
    evaluations = Evaluation.objects.filter(
        window, counted(), organization_id=organization_id, pk__lte=upto
    )
    cell = {
        "r_org": F("organization_id"),
        "r_span": Value(Span.DAY),
        "r_level": Value(int(Level.POINT)),
        "r_day": TruncDate("submitted_at"),
        "r_site": F("site_id"),
        "r_point": F("contact_point_id"),
        "r_channel": F("channel"),
    }
    qs = evaluations.order_by().annotate(**cell, r_char=_null())
    qs = qs.values(*cell, "r_char").annotate(
        r_responses=Count("pk"), r_low=Count("pk", filter=Q(low=True))
    )
    _insert(EvaluationRollup, qs, CELL)

    answers = Answer.objects.filter(
        counted("evaluation__"),
        organization_id=organization_id,
        evaluation__submitted_at__gte=_day_start(first),
        evaluation__submitted_at__lt=_day_start(last + timedelta(1)),
        evaluation_id__lte=upto,
        question__type__in=NUMERIC,
        value__isnull=False,
    ).order_by()
    cell = {
        "r_org": F("organization_id"),
        "r_span": Value(Span.DAY),
        "r_level": Value(int(Level.POINT)),
        "r_day": TruncDate("evaluation__submitted_at"),
        "r_site": F("evaluation__site_id"),
        "r_point": F("evaluation__contact_point_id"),
        "r_channel": F("evaluation__channel"),
        "r_char": F("question__characteristic_id"),
    }
    qs = answers.filter(question__characteristic__isnull=False).annotate(**cell)
    qs = qs.values(*cell).annotate(
        r_responses=Count("evaluation_id", distinct=True),
        r_low=Count("evaluation_id", distinct=True, filter=Q(evaluation__low=True)),
    )
    _insert(EvaluationRollup, qs, CELL)
    qs = answers.annotate(**cell, r_ind=F("question__indicator_id"))
    qs = qs.values(*cell, "r_ind").annotate(**_histogram_counts())
    qs = qs.annotate(**_moments_of_histogram())
    _insert(AnswerRollup, qs, CELL)


def _coarser(
    organization_id: int, base: Q, span: str, level: int, month: bool, merge: bool = False
) -> None:
    """Rows of `level` (site or organization) or, with `month`, month rows of the same
    level, summed from the day rows of the finer level that `base` selects; with
    `merge`, the all-channels cells of `level` from its cells per channel."""
    for model in (EvaluationRollup, AnswerRollup):
        source = model.objects.filter(base, organization_id=organization_id).order_by()
        cell: dict[str, Any] = {
            "r_org": F("organization_id"),
            "r_span": Value(span),
            "r_level": F("level") if month else Value(level),
            "r_day": TruncMonth("day") if month else F("day"),
            "r_site": F("site_id") if month or level == Level.SITE else _null(),
            "r_point": F("contact_point_id") if month or level == Level.CONTACT_POINT else _null(),
            "r_channel": Value(ALL_CHANNELS) if merge else F("channel"),
            "r_char": F("characteristic_id"),
        }
        if model is AnswerRollup:
            cell["r_ind"] = F("indicator_id")
            sums = {f"r_{c}": Sum(c) for _k, _v, c in HISTOGRAM}
            sums |= {f"r_{c}": Sum(c) for c, *_rule in MOMENT_COLUMNS}
        else:
            sums = {"r_responses": Sum("responses"), "r_low": Sum("low")}
        qs = source.annotate(**cell).values(*cell).annotate(**sums)
        _insert(model, qs, CELL)


def _delete(q: Q) -> None:
    for model in (EvaluationRollup, AnswerRollup):
        rows = model.objects.filter(q)
        rows._raw_delete(rows.db)


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _recompute(
    organization_id: int, days: Iterable[date], upto: int, longest: int | None = DAYS_PER_BATCH
) -> None:
    """Recompute these days of one organization, and their months, at every level,
    in runs of at most `longest` days per statement (None: a rebuild, one statement
    per contiguous stretch and level, each reading the raw rows once)."""
    org = Q(organization_id=organization_id)
    months = set()
    for first, last in _runs(days, longest):
        window = Q(day__gte=first, day__lte=last)
        _delete(org & window & Q(span=Span.DAY))
        _raw_days(organization_id, first, last, upto)
        day_rows = window & Q(span=Span.DAY)
        points = day_rows & Q(level=Level.POINT)
        per_channel = day_rows & ~Q(channel=ALL_CHANNELS)
        _coarser(organization_id, points, Span.DAY, Level.SITE, False)
        _coarser(organization_id, points, Span.DAY, Level.CONTACT_POINT, False)
        _coarser(
            organization_id, per_channel & Q(level=Level.SITE), Span.DAY, Level.ORGANIZATION, False
        )
        # The coarser levels' all-channels cells (a point at a site has about one
        # evaluation per cell: merging its channels would save nothing).
        for level in (Level.SITE, Level.CONTACT_POINT, Level.ORGANIZATION):
            base = per_channel & Q(level=level)
            _coarser(organization_id, base, Span.DAY, level, False, merge=True)
        month = first.replace(day=1)
        while month <= last:
            months.add(month)
            month = _month_end(month) + timedelta(days=1)
    # Consecutive months in one statement per level (a rebuild: the whole history),
    # each reading its level's day rows by the (organization, span, level, day) index;
    # the all-channels month cells come from the all-channels day cells.
    stretches: list[tuple[date, date]] = []
    for month in sorted(months):
        if stretches and month == _month_end(stretches[-1][1]) + timedelta(days=1):
            stretches[-1] = (stretches[-1][0], month)
        else:
            stretches.append((month, month))
    for first, last in stretches:
        _delete(org & Q(span=Span.MONTH, day__gte=first, day__lte=last))
        for level in Level:
            window = Q(span=Span.DAY, level=level, day__gte=first, day__lte=_month_end(last))
            _coarser(organization_id, window, Span.MONTH, 0, True)


def refresh(*, rebuild: bool = False) -> dict[str, int]:
    """Bring the rollups up to the newest committed evaluation: the days the new
    evaluations fall on are recomputed (with `rebuild`, every day from scratch).
    Returns {"evaluations": newly rolled up, "days": days recomputed, "watermark": id}."""
    upto = _safe_last_id()
    with transaction.atomic():
        mark, _created = RollupWatermark.objects.select_for_update().get_or_create(name=WATERMARK)
        if connection.vendor == "postgresql":
            # A rebuild groups millions of rows per statement: with the default
            # work_mem (4 MB) each GROUP BY sorts on disk; in memory it hashes.
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        since = 0 if rebuild else mark.last_id
        if rebuild:
            _delete(Q())
        if upto <= since and not rebuild:
            return {"evaluations": 0, "days": 0, "watermark": since}
        fresh = Evaluation.objects.filter(pk__gt=since, pk__lte=upto).order_by()
        touched: dict[int, set[date]] = defaultdict(set)
        for organization_id, day in (
            fresh.annotate(d=TruncDate("submitted_at"))
            .values_list("organization_id", "d")
            .distinct()
        ):
            touched[organization_id].add(day)
        for organization_id, days in sorted(touched.items()):
            _recompute(organization_id, days, upto, None if rebuild else DAYS_PER_BATCH)
        mark.last_id = upto
        mark.refreshed_at = timezone.now()
        mark.save(update_fields=["last_id", "refreshed_at"])
    return {
        "evaluations": fresh.count(),
        "days": sum(len(d) for d in touched.values()),
        "watermark": upto,
    }


# --- reading -----------------------------------------------------------------------------------


def level_for(sites: set[int] | None, contact_points: set[int] | None, group_by: str | None) -> int:
    """The coarsest level that can answer: contact points at some sites need the
    finest, contact points at all sites their own."""
    if contact_points is not None or group_by == "contact_point":
        if sites is None and group_by != "site":
            return Level.CONTACT_POINT
        return Level.POINT
    if sites is not None or group_by == "site":
        return Level.SITE
    return Level.ORGANIZATION


def spans(start: date, end: date, by_day: bool) -> Q:
    """The rows covering [start, end]: whole months from month rows (unless the
    grouping needs days), the days at either edge from day rows."""
    if by_day:
        return Q(span=Span.DAY, day__gte=start, day__lte=end)
    first = start if start.day == 1 else _month_end(start) + timedelta(days=1)
    last_month = _month_end(end.replace(day=1))
    last = end if end == last_month else end.replace(day=1) - timedelta(days=1)
    if first > last:
        return Q(span=Span.DAY, day__gte=start, day__lte=end)
    q = Q(span=Span.MONTH, day__gte=first, day__lte=last.replace(day=1))
    if start < first:
        q |= Q(span=Span.DAY, day__gte=start, day__lt=first)
    if last < end:
        q |= Q(span=Span.DAY, day__gt=last, day__lte=end)
    return q


def _moment_sums() -> dict[str, Cast]:
    """The moments of each group: sums of the stored moment columns (as integers:
    PostgreSQL sums big integers as numeric)."""
    return {
        moment: Cast(Sum(column), models.BigIntegerField())
        for moment, (column, *_rule) in zip(MOMENTS, MOMENT_COLUMNS, strict=True)
    }


GROUP_FIELD = {
    None: None,
    "day": "day",
    "week": "day",
    "month": "day",
    "site": "site_id",
    "contact_point": "contact_point_id",
    "characteristic": "characteristic_id",
}


def gather(
    organization_id: int,
    start: date,
    end: date,
    sites: set[int] | None,
    contact_points: set[int] | None,
    characteristic: int | None,
    channel: str | None,
    group_by: str | None,
    fold: Any,
) -> dict[Any, Acc]:
    """Counts per group from the rollups (the evaluations up to the watermark)."""
    accs: dict[Any, Acc] = defaultdict(Acc)
    level = level_for(sites, contact_points, group_by)
    where = Q(organization_id=organization_id, level=level)
    where &= spans(start, end, group_by in ("day", "week"))
    if sites is not None:
        where &= Q(site_id__in=sites)
    if contact_points is not None:
        where &= Q(contact_point_id__in=contact_points)
    if channel:
        where &= Q(channel=channel)
    elif level != Level.POINT:  # the coarser levels' all-channels cells
        where &= Q(channel=ALL_CHANNELS)
    key = GROUP_FIELD[group_by]
    fields = [key] if key else []
    group_of = _grouper(key, fold)
    # One whole month, not by day: a month row per group, channel and subject (one
    # at the coarser levels), so the rows are added here rather than grouped in the
    # database — the month-by-site view, where sorting 10,000 rows cost more than
    # reading them.
    whole_month = group_by not in ("day", "week") and start.day == 1 and end == _month_end(start)

    counts = EvaluationRollup.objects.filter(where).order_by()
    if characteristic is not None:
        counts = counts.filter(characteristic_id=characteristic)
    elif group_by == "characteristic":
        counts = counts.filter(characteristic_id__isnull=False)
    else:
        counts = counts.filter(characteristic_id__isnull=True)
    sums = {"n": Sum("responses"), "lows": Sum("low")}
    if fields and whole_month:
        rows = _tuples(counts.values_list(*fields, "responses", "low"))
    elif fields:
        rows = _tuples(counts.values(*fields).annotate(**sums))
    else:
        total = counts.aggregate(**sums)
        rows = [(total["n"], total["lows"])]
    for *group, n, lows in rows:
        if n is None:
            continue
        acc = accs[group_of(group[0]) if key else None]
        acc.responses += n
        acc.low += lows

    answers = AnswerRollup.objects.filter(where).order_by()
    if characteristic is not None:
        answers = answers.filter(characteristic_id=characteristic)
    elif group_by == "characteristic":
        answers = answers.filter(characteristic_id__isnull=False)
    subject = ["characteristic_id", "indicator_id"]
    group = list(dict.fromkeys([*fields, *subject]))
    width = len(group)
    at = group.index(key) if key else None
    if whole_month:
        moments = [column for column, *_rule in MOMENT_COLUMNS]
        rows = _tuples(answers.values_list(*group, *moments))
    else:
        rows = _tuples(answers.values(*group).annotate(**_moment_sums()))
    for row in rows:  # thousands of rows: add_moments inlined
        subjects = accs[group_of(row[at]) if key else None].subjects
        subject = (row[width - 2], row[width - 1])
        target = subjects.get(subject)
        if target is None:
            subjects[subject] = list(row[width:])
        else:
            target[:] = [a + b for a, b in zip(target, row[width:], strict=True)]
    return accs


def _grouper(key: str | None, fold: Any) -> Any:
    """The group of a row's key: a period's first day (folded), else the id as it is."""
    if key == "day":
        return lambda value: fold(_plain(key, value))
    return lambda value: value


def point_counts(organization_id: int, start: date, end: date) -> dict[tuple[int, int], int]:
    """Evaluations per (site, contact point) from the rollups (up to the watermark),
    over whole months from month rows and the edge days from day rows."""
    rows = (
        EvaluationRollup.objects.filter(
            spans(start, end, False),
            organization_id=organization_id,
            level=Level.POINT,
            characteristic_id__isnull=True,
        )
        .order_by()
        .values("site_id", "contact_point_id")
        .annotate(n=Sum("responses"))
    )
    return {(site, point): n for site, point, n in _tuples(rows) if n}


def _plain(key: str, value: Any) -> Any:
    """A group's key as the ORM would give it (SQLite returns days as text)."""
    return date.fromisoformat(value) if key == "day" and isinstance(value, str) else value


def _tuples(qs: models.QuerySet) -> list[tuple]:
    """The rows of a grouped query as plain tuples (its fields, then its aggregates),
    without the per-row conversions of the ORM: dashboards read thousands of them."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
