"""How satisfied customers are (4.5.1 b, 4.5.3): the read interface that dashboards,
the API and the home page build every satisfaction figure from.

Three reads, each for one organization as one user sees it (their site scope), over a
period of days (both ends included, in the organization's time zone):

- :func:`satisfaction` — responses, satisfaction index, NPS, CSAT, CES, low count and
  mean rating, in total or per day / week / month / site / contact point /
  characteristic;
- :func:`daily` — per-day responses, low count and mean rating, the input of the
  p-chart of the share of low ratings and the individuals chart of daily satisfaction;
- :func:`indicators` — the mean rating and count per rated indicator (or
  characteristic), weakest first, for the "weakest indicators" table and the IPA matrix.

The figures are exact: they come from counts and value histograms (see
:mod:`fuwu.measurement.rollups`), never from samples, and are the same as the
analytics functions (:mod:`fuwu.analytics.satisfaction`) applied to the raw answers.

What the figures mean:

- *responses*: evaluations received (with a characteristic filter or group: evaluations
  that answered at least one question about it);
- *low*: how many of those were low (a rating at or below 2, or a "what went wrong"
  answer);
- *mean*: the mean of the 1-5 ratings; *csat*: their top-two-box share (percent);
- *index*: 0-100, the mean of the rescaled mean rating of each rated subject (an
  indicator, else the question's characteristic, else the overall rating), equally
  weighted (ACSI transformation, :func:`fuwu.analytics.satisfaction.index`);
- *nps*: from the 0-10 recommendation answers; *ces*: mean of the 1-7 effort answers.

Each figure is None where no answer feeds it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, Site
from fuwu.core.models.bilingual import bilingual
from fuwu.core.permissions import membership_for
from fuwu.design.models import Characteristic, ContactPoint, Indicator

from .models import Answer, Evaluation
from .models.evaluations import LOW_RATING, QuestionType
from .rollups import MOMENTS, Acc, counted, gather, moments_of, point_counts, watermark

GROUPS = ("day", "week", "month", "site", "contact_point", "characteristic")
NUMERIC = (QuestionType.RATING, QuestionType.NPS, QuestionType.CES)
RATING_SCALE = 5

# A subject of ratings: (characteristic id, indicator id), either may be None.
Subject = tuple[int | None, int | None]


@dataclass
class Figures:
    """The satisfaction figures of one group (or of everything, key None)."""

    key: str | int | None
    label: str
    responses: int = 0
    index: float | None = None
    nps: float | None = None
    csat: float | None = None
    ces: float | None = None
    low: int = 0
    mean: float | None = None
    ratings: int = 0


@dataclass
class Day:
    """One day of the control charts: responses, low evaluations, mean rating."""

    day: date
    responses: int = 0
    low: int = 0
    ratings: int = 0
    mean: float | None = None

    @property
    def low_share(self) -> float | None:
        return self.low / self.responses if self.responses else None


@dataclass
class IndicatorFigures:
    """The ratings of one subject: an indicator (or a characteristic, or the overall
    rating when the question named neither)."""

    characteristic: int | None
    indicator: int | None
    label: str
    count: int
    mean: float


class FilterError(ValueError):
    """A filter the reader cannot use (unknown group, a period that ends before it starts)."""


# --- scope -----------------------------------------------------------------------------


def _sites_in_scope(organization: Organization, user: Any, sites: Iterable[int] | None):
    """The site ids to read (None = all of the organization), or an empty set when
    the user may see none of them."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    scope: set[int] | None
    if user.is_superuser:
        scope = None
    else:
        membership = membership_for(user, organization)
        if membership is None or not organization.is_active:
            return set()
        scope = membership.site_ids()
    if sites is not None:
        wanted = {int(s) for s in sites}
        return wanted if scope is None else wanted & scope
    return scope


def _check(start: date, end: date, group_by: str | None) -> None:
    if group_by is not None and group_by not in GROUPS:
        raise FilterError(_("Unknown grouping."))
    if end < start:
        raise FilterError(_("The period ends before it starts."))


# --- grouping keys -----------------------------------------------------------------------


def _period_key(day: date, group_by: str | None) -> date:
    if group_by == "week":
        return day - timedelta(days=day.weekday())
    if group_by == "month":
        return day.replace(day=1)
    return day


# --- raw rows ------------------------------------------------------------------------------


def _window(start: date, end: date) -> tuple[datetime, datetime]:
    """The period's first moment and the moment after its last day (local time)."""
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def _raw_evaluations(organization, start, end, sites, contact_points, channel, above):
    first, after = _window(start, end)
    qs = Evaluation.objects.filter(
        counted(),
        organization=organization,
        pk__gt=above,
        submitted_at__gte=first,
        submitted_at__lt=after,
    ).order_by()
    if sites is not None:
        qs = qs.filter(site_id__in=sites)
    if contact_points is not None:
        qs = qs.filter(contact_point_id__in=contact_points)
    if channel:
        qs = qs.filter(channel=channel)
    return qs.annotate(day=TruncDate("submitted_at"))


def _raw_answers(organization, start, end, sites, contact_points, channel, above):
    first, after = _window(start, end)
    qs = Answer.objects.filter(
        counted("evaluation__"),
        organization=organization,
        evaluation_id__gt=above,
        evaluation__submitted_at__gte=first,
        evaluation__submitted_at__lt=after,
        question__type__in=NUMERIC,
        value__isnull=False,
    ).order_by()
    if sites is not None:
        qs = qs.filter(evaluation__site_id__in=sites)
    if contact_points is not None:
        qs = qs.filter(evaluation__contact_point_id__in=contact_points)
    if channel:
        qs = qs.filter(evaluation__channel=channel)
    return qs.annotate(day=TruncDate("evaluation__submitted_at"))


_EVALUATION_KEY = {
    None: None,
    "day": "day",
    "week": "day",
    "month": "day",
    "site": "site_id",
    "contact_point": "contact_point_id",
}
_ANSWER_KEY = {
    None: None,
    "day": "day",
    "week": "day",
    "month": "day",
    "site": "evaluation__site_id",
    "contact_point": "evaluation__contact_point_id",
    "characteristic": "question__characteristic_id",
}


def _grouped(qs, fields: list[str], **aggregates: Any) -> list[dict]:
    """Aggregates per group of `fields`, or over everything when there are none."""
    if fields:
        return list(qs.values(*fields).annotate(**aggregates))
    return [qs.aggregate(**aggregates)]


def _gather_raw(
    organization,
    start,
    end,
    sites,
    contact_points,
    characteristic,
    channel,
    group_by,
    fold,
    above: int = 0,
) -> dict[Any, Acc]:
    """Counts per group straight from the evaluations (those with an id above
    `above`) and their answers."""
    accs: dict[Any, Acc] = defaultdict(Acc)
    answers = _raw_answers(organization, start, end, sites, contact_points, channel, above)
    if characteristic is not None:
        answers = answers.filter(question__characteristic_id=characteristic)
    if characteristic is None and group_by != "characteristic":
        evaluations = _raw_evaluations(
            organization, start, end, sites, contact_points, channel, above
        )
        key = _EVALUATION_KEY[group_by]
        rows = _grouped(
            evaluations, [key] if key else [], n=Count("pk"), lows=Count("pk", filter=Q(low=True))
        )
    else:
        # Evaluations that answered a question about the characteristic (an
        # evaluation counts once per characteristic, whatever the questions).
        key = _ANSWER_KEY[group_by]
        rows = _grouped(
            answers.filter(question__characteristic__isnull=False),
            [key] if key else [],
            n=Count("evaluation", distinct=True),
            lows=Count("evaluation", distinct=True, filter=Q(evaluation__low=True)),
        )
    for row in rows:
        if row["n"]:
            acc = accs[fold(row[key]) if key else None]
            acc.responses += row["n"]
            acc.low += row["lows"]
    if not accs and characteristic is None and group_by != "characteristic":
        # No evaluation in the filter, so no answer either: the tail of a narrow
        # read (one contact point at one site) is usually empty; spare its query.
        return accs
    key = _ANSWER_KEY[group_by]
    subject = ["question__type", "question__characteristic_id", "question__indicator_id"]
    fields = ([key] if key else []) + [*subject, "value"]
    for row in answers.values(*fields).annotate(n=Count("pk")):
        group = fold(row[key]) if key else None
        if group_by == "characteristic" and group is None:
            continue
        accs[group].add_moments(
            (row["question__characteristic_id"], row["question__indicator_id"]),
            moments_of(row["question__type"], row["value"], row["n"]),
        )
    return accs


def _gather(
    organization, start, end, sites, contact_points, characteristic, channel, group_by
) -> dict[Any, Acc]:
    """Counts per group: the rollups up to the watermark, plus the evaluations above
    it from the raw rows (the tail), so that figures are current without waiting for
    the worker. The watermark is read before and after the rollups: a refresh that
    committed in between would count its evaluations twice, so the read is retried."""

    def fold(value: Any) -> Any:
        return _period_key(value, group_by) if group_by in ("day", "week", "month") else value

    args = (start, end, sites, contact_points, characteristic, channel, group_by, fold)
    for _attempt in range(5):
        mark = watermark()
        rolled = gather(organization.pk, *args) if mark else {}
        if watermark() == mark:
            break
    else:  # the worker keeps moving: read the raw rows alone
        mark, rolled = 0, {}
    # The tail is small: add it to the rolled-up groups, not the other way round.
    accs = defaultdict(Acc, rolled)
    for key, acc in _gather_raw(organization, *args, above=mark).items():
        accs[key].add(acc)
    return accs


# --- figures from counts ---------------------------------------------------------------------


def _total(acc: Acc) -> list[int]:
    if not acc.subjects:
        return [0] * len(MOMENTS)
    return [sum(column) for column in zip(*acc.subjects.values(), strict=True)]


def _index(acc: Acc) -> float | None:
    """Equally weighted mean over rated subjects of (mean - 1) / (scale - 1) * 100."""
    total, weight = 0.0, 0
    for _subject, (r_n, r_sum, *_rest) in sorted(
        acc.subjects.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1] or 0)
    ):
        if r_n:
            total += (r_sum / r_n - 1) / (RATING_SCALE - 1) * 100
            weight += 1
    return total / weight if weight else None


def _figures(key: Any, label: str, acc: Acc) -> Figures:
    r_n, r_sum, _r_sq, r_top, n_n, n_pro, n_det, c_n, c_sum = _total(acc)
    return Figures(
        key=key,
        label=label,
        responses=acc.responses,
        low=acc.low,
        ratings=r_n,
        mean=r_sum / r_n if r_n else None,
        csat=100.0 * r_top / r_n if r_n else None,
        nps=100.0 * (n_pro - n_det) / n_n if n_n else None,
        ces=c_sum / c_n if c_n else None,
        index=_index(acc),
    )


def _labels(organization: Organization, group_by: str | None, keys: Iterable[Any]) -> dict:
    keys = [k for k in keys if k is not None]
    if group_by is None:
        return {None: _("All")}
    if group_by in ("day", "week", "month"):
        formats = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}
        return {k: k.strftime(formats[group_by]) for k in keys}
    model = {"site": Site, "contact_point": ContactPoint, "characteristic": Characteristic}[
        group_by
    ]
    rows = model.objects.filter(organization=organization)
    if len(keys) <= 100:
        rows = rows.filter(pk__in=keys)
    # else every one of them: planning an IN list of thousands (a chain's sites)
    # costs more than reading the few rows it leaves out.
    wanted = set(keys)
    # The reader's language once, not per row (thousands of sites).
    chinese = bilingual("en", "zh") == "zh"
    return {
        pk: (zh or en) if chinese else (en or zh)
        for pk, en, zh in rows.values_list("pk", "name_en", "name_zh")
        if pk in wanted
    }


def _order(group_by: str | None, keys: Iterable[Any], labels: dict) -> list[Any]:
    if group_by in ("day", "week", "month"):
        return sorted(keys)
    return sorted(keys, key=lambda k: (labels.get(k, ""), k or 0))


# --- the public reads -----------------------------------------------------------------------


def satisfaction(
    *,
    organization: Organization,
    user: Any,
    start: date,
    end: date,
    sites: Iterable[int] | None = None,
    contact_points: Iterable[int] | None = None,
    characteristic: int | None = None,
    channel: str | None = None,
    group_by: str | None = None,
) -> list[Figures]:
    """The satisfaction figures of an organization's evaluations from `start` to `end`
    (days, both included), as `user` may see them (their site scope).

    Filters: `sites` and `contact_points` (ids; None = all), `characteristic` (id:
    only answers to questions about it; responses count the evaluations that answered
    one), `channel` (qr / link / kiosk / import). `group_by`: None for one total row
    (key None, label "All", returned even when empty), or "day", "week", "month"
    (key: the first day of the period, label ISO), "site", "contact_point",
    "characteristic" (key: the id, label: the name in the reader's language). Groups
    without any evaluation are left out; periods come in order, the others by label.

    Raises :class:`FilterError` on an unknown `group_by` or a period that ends before
    it starts.
    """
    _check(start, end, group_by)
    scope = _sites_in_scope(organization, user, sites)
    if scope is not None and not scope:
        accs: dict[Any, Acc] = {}
    else:
        accs = _gather(
            organization,
            start,
            end,
            scope,
            None if contact_points is None else {int(c) for c in contact_points},
            characteristic,
            channel,
            group_by,
        )
    if group_by is None:
        accs.setdefault(None, Acc())
    labels = _labels(organization, group_by, accs)
    return [_figures(k, labels.get(k, str(k)), accs[k]) for k in _order(group_by, accs, labels)]


def daily(
    *,
    organization: Organization,
    user: Any,
    start: date,
    end: date,
    sites: Iterable[int] | None = None,
    contact_points: Iterable[int] | None = None,
    characteristic: int | None = None,
    channel: str | None = None,
) -> list[Day]:
    """Every day from `start` to `end` (days without evaluations included, with zero
    responses and mean None): responses, low evaluations, number of 1-5 ratings and
    their mean. The p-chart of the share of low ratings takes (low, responses) per
    day; the individuals chart takes the means of the days that have one. Filters as
    :func:`satisfaction`."""
    rows = {
        f.key: f
        for f in satisfaction(
            organization=organization,
            user=user,
            start=start,
            end=end,
            sites=sites,
            contact_points=contact_points,
            characteristic=characteristic,
            channel=channel,
            group_by="day",
        )
    }
    days = []
    current = start
    while current <= end:
        found = rows.get(current)
        day = Day(day=current)
        if found is not None:
            day.responses, day.low, day.mean = found.responses, found.low, found.mean
            day.ratings = found.ratings
        days.append(day)
        current += timedelta(days=1)
    return days


def indicators(
    *,
    organization: Organization,
    user: Any,
    start: date,
    end: date,
    sites: Iterable[int] | None = None,
    contact_points: Iterable[int] | None = None,
    characteristic: int | None = None,
    channel: str | None = None,
) -> list[IndicatorFigures]:
    """The mean 1-5 rating and the number of ratings per rated subject — an indicator,
    or the question's characteristic when it names no indicator, or the overall
    rating when it names neither — weakest first (ties by count, larger first). The
    "weakest indicators" table takes the first few; the IPA matrix plots each mean
    (performance) against its importance. Filters as :func:`satisfaction`."""
    _check(start, end, None)
    scope = _sites_in_scope(organization, user, sites)
    if scope is not None and not scope:
        return []
    accs = _gather(
        organization,
        start,
        end,
        scope,
        None if contact_points is None else {int(c) for c in contact_points},
        characteristic,
        channel,
        None,
    )
    acc = accs.get(None, Acc())
    rated = {subject: m for subject, m in acc.subjects.items() if m[0]}
    names_c = {
        o.pk: str(o.name) for o in Characteristic.objects.filter(pk__in={c for c, _i in rated if c})
    }
    names_i = {
        o.pk: str(o.name) for o in Indicator.objects.filter(pk__in={i for _c, i in rated if i})
    }
    rows = []
    for (c, i), (r_n, r_sum, *_rest) in rated.items():
        label = names_i.get(i) if i else names_c.get(c) if c else _("Overall rating")
        rows.append(IndicatorFigures(c, i, label or "", r_n, r_sum / r_n))
    rows.sort(key=lambda r: (r.mean, -r.count, r.label))
    return rows


def responses_per_point(
    organization: Organization, start: date, end: date
) -> dict[tuple[int, int], int]:
    """How many evaluations each contact point at each site received from `start` to
    `end` (days, both included): {(site id, contact point id): count}, points without
    any left out. For the whole organization, whatever the reader may see: the
    conformity checks of 4.5.1 b and 4.2.1 d read it. From the rollups plus the tail,
    like the other reads (a site's contact point has one collection point, so these
    are the collection points' counts)."""
    if end < start:
        raise FilterError(_("The period ends before it starts."))
    for _attempt in range(5):
        mark = watermark()
        rolled = point_counts(organization.pk, start, end) if mark else {}
        if watermark() == mark:
            break
    else:  # the worker keeps moving: read the raw rows alone
        mark, rolled = 0, {}
    counts = dict(rolled)
    tail = (
        _raw_evaluations(organization, start, end, None, None, None, mark)
        .values("site_id", "contact_point_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "contact_point_id", "n")
    )
    for site, point, n in tail:
        counts[(site, point)] = counts.get((site, point), 0) + n
    return counts


__all__ = [
    "GROUPS",
    "LOW_RATING",
    "Day",
    "Figures",
    "FilterError",
    "IndicatorFigures",
    "daily",
    "indicators",
    "responses_per_point",
    "satisfaction",
]
