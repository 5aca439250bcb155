"""What the customer satisfaction dashboards show (4.5.1 b, 4.5.3), computed once per
view from the read layer `fuwu.measurement.satisfaction` and the pure-Python
`fuwu.analytics` (ADR 0032).

Every block is a :class:`Table` (the table view and the CSV/Excel export) and, where
it is drawn, a chart payload the page's script reads. A block is computed only when
the page (or an export) asks for it, so an export of one table reads only that one.

- figures: :func:`satisfaction` in total, by week or day (the trend), and by site,
  contact point and characteristic;
- weakest indicators and the IPA matrix: :func:`indicators` (performance = the mean
  rating); importance = the indicator's weight in the characteristic model if it has
  one, else *derived* importance: the correlation of the indicator's rating with the
  other ratings of the same evaluation, over the most recent answers of the period
  (at most ``IPA_SAMPLE``);
- journeys: evaluations sharing a ``visit_id`` — mean, peak-end and EWMA side by side
  (:mod:`fuwu.analytics.satisfaction`);
- control charts: :func:`daily` — an individuals chart of the daily mean rating and a
  p-chart of the daily share of low evaluations (:mod:`fuwu.analytics.spc`), with the
  Western Electric signals marked;
- comments: the customers' own words, filtered.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.db.models import Avg, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.analytics import ipa, spc
from fuwu.analytics import satisfaction as measures
from fuwu.core.models import Organization
from fuwu.core.models.bilingual import bilingual
from fuwu.design.models import Indicator

from .models import Answer, Evaluation
from .models.evaluations import QuestionType
from .satisfaction import daily, indicators, satisfaction

DEFAULT_DAYS = 90
WEAKEST = 10
IPA_SAMPLE = 20_000  # rating answers read for derived importance, most recent first
JOURNEY_SAMPLE = 2_000  # evaluations with a visit id, most recent first
JOURNEYS_SHOWN = 50
COMMENTS_SHOWN = 100
EWMA_LAMBDA = 0.5  # journeys: later feelings weigh more (3.11)

QUADRANT_LABELS = {
    ipa.CONCENTRATE_HERE: gettext_lazy("Concentrate here"),
    ipa.KEEP_UP_THE_GOOD_WORK: gettext_lazy("Keep up the good work"),
    ipa.LOW_PRIORITY: gettext_lazy("Low priority"),
    ipa.POSSIBLE_OVERKILL: gettext_lazy("Possible overkill"),
}


@dataclass
class Table:
    """One block's table view and export: columns (key, label) and rows (dicts)."""

    key: str
    title: Promise | str
    columns: list[tuple[str, Promise | str]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    def export_columns(self) -> list[tuple[str, Any, Any]]:
        return [(key, label, lambda row, key=key: row.get(key)) for key, label in self.columns]

    def cells(self) -> list[list[Any]]:
        return [[row.get(key) for key, _label in self.columns] for row in self.rows]


@dataclass(frozen=True)
class Selection:
    """What the reader chose: the period, the site, contact point and characteristic
    (None: all they may see), the channel and the comment filters."""

    start: date
    end: date
    site: Any = None
    contact_point: Any = None
    characteristic: Any = None
    channel: str = ""
    rating: str = ""  # comments: "low", "other" or ""
    language: str = ""  # comments: "en", "zh-hans" or ""


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=DEFAULT_DAYS - 1), today


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


class Dashboard:
    """The dashboards of one selection, as one reader may see them."""

    def __init__(
        self,
        *,
        organization: Organization,
        user: Any,
        selection: Selection,
        target: int | None = None,
    ) -> None:
        self.organization = organization
        self.user = user
        self.selection = selection
        self.target = target
        self.ipa_crosshair: tuple[float, float] | None = None

    # -- the filters every read takes -------------------------------------------------

    @cached_property
    def scope(self) -> list[int] | None:
        """Site ids to read (None: all the reader may see, satisfaction.py cuts)."""
        site = self.selection.site
        return [site.pk] if site is not None else None

    def _filters(self) -> dict[str, Any]:
        s = self.selection
        return {
            "organization": self.organization,
            "user": self.user,
            "start": s.start,
            "end": s.end,
            "sites": self.scope,
            "contact_points": [s.contact_point.pk] if s.contact_point is not None else None,
            "characteristic": s.characteristic.pk if s.characteristic is not None else None,
            "channel": s.channel or None,
        }

    def _raw(self, qs: Any, prefix: str = "") -> Any:
        """Raw rows of the selection within the reader's site scope (for the blocks
        satisfaction.py does not serve: derived importance, journeys, comments), of
        evaluation instruments only (a study's answers are no satisfaction responses)."""
        from fuwu.core.models import Site

        from .rollups import counted

        s = self.selection
        sites = Site.objects.for_user(self.user, organization=self.organization)
        if s.site is not None:
            sites = sites.filter(pk=s.site.pk)
        qs = qs.filter(
            counted(prefix),
            **{
                "organization": self.organization,
                f"{prefix}site__in": sites.values("pk"),
                f"{prefix}submitted_at__date__gte": s.start,
                f"{prefix}submitted_at__date__lte": s.end,
            },
        )
        if s.contact_point is not None:
            qs = qs.filter(**{f"{prefix}contact_point": s.contact_point})
        if s.channel:
            qs = qs.filter(**{f"{prefix}channel": s.channel})
        return qs

    # -- figures ---------------------------------------------------------------------

    @cached_property
    def total(self) -> Any:
        return satisfaction(**self._filters())[0]

    @cached_property
    def trend_grain(self) -> str:
        return "day" if (self.selection.end - self.selection.start).days < 62 else "week"

    FIGURE_COLUMNS = [
        ("label", gettext_lazy("Group")),
        ("responses", gettext_lazy("Responses")),
        ("index", gettext_lazy("Satisfaction index")),
        ("nps", gettext_lazy("NPS")),
        ("csat", gettext_lazy("CSAT %")),
        ("ces", gettext_lazy("CES")),
        ("mean", gettext_lazy("Mean rating")),
        ("low", gettext_lazy("Low evaluations")),
    ]

    def _figures(self, key: str, title: Promise | str, group_by: str) -> Table:
        rows = [
            {
                "key": f.key,
                "label": f.label,
                "responses": f.responses,
                "index": _round(f.index),
                "nps": _round(f.nps),
                "csat": _round(f.csat),
                "ces": _round(f.ces, 2),
                "mean": _round(f.mean, 2),
                "low": f.low,
            }
            for f in satisfaction(**self._filters(), group_by=group_by)
        ]
        columns = [(k, title if k == "label" else label) for k, label in self.FIGURE_COLUMNS]
        return Table(key, title, columns, rows)

    @cached_property
    def trend(self) -> Table:
        title = _("Day") if self.trend_grain == "day" else _("Week")
        table = self._figures("trend", title, self.trend_grain)
        table.title = _("Satisfaction index and responses over time")
        return table

    @cached_property
    def by_site(self) -> Table:
        return self._figures("sites", _("Site"), "site")

    @cached_property
    def by_point(self) -> Table:
        return self._figures("contact_points", _("Contact point"), "contact_point")

    @cached_property
    def by_characteristic(self) -> Table:
        return self._figures("characteristics", _("Characteristic"), "characteristic")

    def trend_chart(self) -> dict[str, Any]:
        rows = self.trend.rows
        return {
            "labels": [r["label"] for r in rows],
            "index": [r["index"] for r in rows],
            "responses": [r["responses"] for r in rows],
            "names": {"index": _("Satisfaction index"), "responses": _("Responses")},
            "target": self.target,
        }

    def bars_chart(self, table: Table, measure: str = "index") -> dict[str, Any]:
        return {
            "labels": [r["label"] for r in table.rows],
            "values": [r[measure] for r in table.rows],
            "name": str(dict(self.FIGURE_COLUMNS)[measure]),
            "target": self.target if measure == "index" else None,
        }

    # -- indicators: the weakest and the IPA matrix ------------------------------------

    @cached_property
    def subjects(self) -> list[Any]:
        return indicators(**self._filters())

    @cached_property
    def weakest(self) -> Table:
        rows = [
            {"label": s.label, "mean": _round(s.mean, 2), "count": s.count}
            for s in self.subjects[:WEAKEST]
        ]
        return Table(
            "weakest",
            _("Weakest indicators"),
            [
                ("label", _("Indicator")),
                ("mean", _("Mean rating")),
                ("count", _("Ratings")),
            ],
            rows,
        )

    @cached_property
    def model_weights(self) -> dict[int, float]:
        """The indicators' weights in the characteristic model, where it has them."""
        if not any(f.name == "weight" for f in Indicator._meta.get_fields()):
            return {}
        ids = [s.indicator for s in self.subjects if s.indicator]
        return {
            pk: float(weight)
            for pk, weight in Indicator.objects.filter(pk__in=ids).values_list("pk", "weight")
            if weight is not None
        }

    def _derived_importance(self) -> dict[tuple[Any, Any], float]:
        """Per subject (characteristic, indicator): the Pearson correlation of its
        rating with the mean of the other ratings of the same evaluation."""
        answers = self._raw(
            Answer.objects.filter(question__type=QuestionType.RATING, value__isnull=False),
            prefix="evaluation__",
        )
        rows = answers.order_by("-evaluation_id").values_list(
            "evaluation_id", "question__characteristic_id", "question__indicator_id", "value"
        )[:IPA_SAMPLE]
        by_evaluation: dict[int, list[tuple[tuple[Any, Any], int]]] = defaultdict(list)
        for evaluation_id, characteristic_id, indicator_id, value in rows:
            subject = (characteristic_id, indicator_id)
            by_evaluation[evaluation_id].append((subject, value))
        pairs: dict[tuple[Any, Any], tuple[list[float], list[float]]] = defaultdict(
            lambda: ([], [])
        )
        for ratings in by_evaluation.values():
            if len(ratings) < 2:
                continue
            total = sum(v for _s, v in ratings)
            for subject, value in ratings:
                xs, ys = pairs[subject]
                xs.append(value)
                ys.append((total - value) / (len(ratings) - 1))
        found = {}
        for subject, (xs, ys) in pairs.items():
            r = _pearson(xs, ys)
            if r is not None:
                found[subject] = r
        return found

    @cached_property
    def importance_source(self) -> str:
        return "model" if self.model_weights else "derived"

    @cached_property
    def ipa(self) -> Table:
        if self.model_weights:
            importance = {
                (s.characteristic, s.indicator): self.model_weights[s.indicator]
                for s in self.subjects
                if s.indicator in self.model_weights
            }
            note = _("Importance: the indicator's weight in the characteristic model.")
        else:
            importance = self._derived_importance() if self.subjects else {}
            note = _(
                "Importance is derived: the correlation of the indicator's rating with the "
                "customer's other ratings in the same evaluation (the characteristic model "
                "gives the indicators no weights). Performance: the mean rating."
            )
        items = {
            s.label: (importance[(s.characteristic, s.indicator)], s.mean)
            for s in self.subjects
            if (s.characteristic, s.indicator) in importance
        }
        rows: list[dict[str, Any]] = []
        if items:
            placed = ipa.quadrants(items, crosshair="mean")
            self.ipa_crosshair = (placed.importance, placed.performance)
            for label, (imp, perf) in items.items():
                rows.append(
                    {
                        "label": label,
                        "importance": round(imp, 3),
                        "performance": round(perf, 2),
                        "quadrant": str(QUADRANT_LABELS[placed.items[label]]),
                    }
                )
            rows.sort(key=lambda r: (r["quadrant"] != str(QUADRANT_LABELS[ipa.CONCENTRATE_HERE]),))
        return Table(
            "ipa",
            _("Importance-performance matrix"),
            [
                ("label", _("Indicator")),
                ("importance", _("Importance")),
                ("performance", _("Performance (mean rating)")),
                ("quadrant", _("Quadrant")),
            ],
            rows,
            note,
        )

    def ipa_chart(self) -> dict[str, Any]:
        table = self.ipa
        return {
            "points": [[r["importance"], r["performance"], r["label"]] for r in table.rows],
            "crosshair": list(self.ipa_crosshair or ()),
            "names": {"x": _("Importance"), "y": _("Performance (mean rating)")},
        }

    # -- journeys ----------------------------------------------------------------------

    @cached_property
    def journeys(self) -> Table:
        rows = (
            self._raw(Evaluation.objects.exclude(visit_id=""))
            .annotate(
                rating=Avg("answers__value", filter=Q(answers__question__type=QuestionType.RATING))
            )
            .order_by("-submitted_at", "-pk")
            .values(
                "visit_id",
                "submitted_at",
                "contact_point__code",
                "contact_point__name_en",
                "contact_point__name_zh",
                "rating",
            )[:JOURNEY_SAMPLE]
        )
        visits: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            if row["rating"] is not None:
                visits[row["visit_id"]].append(row)
        out = []
        for visit_id, stops in visits.items():
            if len(stops) < 2:
                continue
            stops.sort(key=lambda r: r["submitted_at"])
            ratings = [float(s["rating"]) for s in stops]
            out.append(
                {
                    "visit": visit_id[:12],
                    "started": stops[0]["submitted_at"].date(),
                    # The points by name, in the reader's language; the codes beside them.
                    "stops": " → ".join(
                        bilingual(s["contact_point__name_en"], s["contact_point__name_zh"])
                        or s["contact_point__code"]
                        for s in stops
                    ),
                    "codes": " → ".join(s["contact_point__code"] for s in stops),
                    "count": len(stops),
                    "mean": round(statistics.fmean(ratings), 2),
                    "peak_end": round(measures.peak_end(ratings), 2),
                    "ewma": round(measures.ewma(ratings, EWMA_LAMBDA), 2),
                }
            )
        out.sort(key=lambda r: r["started"], reverse=True)
        return Table(
            "journeys",
            _("Journeys"),
            [
                ("visit", _("Visit")),
                ("started", _("Started")),
                ("stops", _("Contact points in order")),
                ("codes", _("Codes")),
                ("count", _("Evaluations")),
                ("mean", _("Mean")),
                ("peak_end", _("Peak-end")),
                ("ewma", _("EWMA (λ = 0.5)")),
            ],
            out,
        )

    def journey_summary(self) -> dict[str, float | None]:
        rows = self.journeys.rows
        if not rows:
            return {"mean": None, "peak_end": None, "ewma": None}
        return {
            key: round(statistics.fmean(r[key] for r in rows), 2)
            for key in ("mean", "peak_end", "ewma")
        }

    # -- control charts ----------------------------------------------------------------

    @cached_property
    def days(self) -> list[Any]:
        return daily(**self._filters())

    @staticmethod
    def _signals(values: list[float], center: float, sigmas: list[float]) -> list[Any]:
        """Western Electric signals on standardized values (limits may vary by point)."""
        if not values or any(s <= 0 for s in sigmas):
            return []
        z = [(v - center) / s for v, s in zip(values, sigmas, strict=True)]
        return spc.western_electric(z, 0.0, 1.0)

    def _chart_table(
        self, key: str, title: str, days: list[date], chart: Any, signals: list[Any]
    ) -> Table:
        marked: dict[int, list[int]] = defaultdict(list)
        for signal in signals:
            marked[signal.index].append(signal.rule)
        rows = [
            {
                "day": day,
                "value": round(chart.values[i], 4),
                "center": round(chart.center, 4),
                "ucl": round(chart.ucl[i], 4),
                "lcl": round(chart.lcl[i], 4),
                "signal": ", ".join(str(rule) for rule in sorted(set(marked.get(i, [])))),
            }
            for i, day in enumerate(days)
        ]
        return Table(
            key,
            title,
            [
                ("day", _("Day")),
                ("value", _("Value")),
                ("center", _("Center line")),
                ("ucl", _("Upper control limit")),
                ("lcl", _("Lower control limit")),
                ("signal", _("Western Electric rules broken")),
            ],
            rows,
        )

    @cached_property
    def individuals(self) -> Table:
        title = _("Daily mean rating (individuals chart)")
        points = [d for d in self.days if d.mean is not None]
        if len(points) < 2:
            return Table("individuals", title, [], [])
        chart, _moving = spc.imr([d.mean for d in points])
        sigma = (chart.ucl[0] - chart.center) / 3
        signals = self._signals(list(chart.values), chart.center, [sigma] * len(points))
        return self._chart_table("individuals", title, [d.day for d in points], chart, signals)

    @cached_property
    def p_chart(self) -> Table:
        title = _("Daily share of low evaluations (p-chart)")
        points = [d for d in self.days if d.responses]
        if len(points) < 2 or not any(d.low for d in points):
            table = Table("p_chart", title, [], [])
            if points:
                table.note = _("No low evaluation in the period: nothing to chart.")
            return table
        chart = spc.p_chart([d.low for d in points], [d.responses for d in points])
        # Each day's own sigma (its size varies); unclipped, unlike the limits at 0 and 1.
        p = chart.center
        sigmas = [math.sqrt(p * (1 - p) / d.responses) for d in points]
        signals = self._signals(list(chart.values), chart.center, sigmas)
        return self._chart_table("p_chart", title, [d.day for d in points], chart, signals)

    @staticmethod
    def control_chart(table: Table) -> dict[str, Any]:
        rows = table.rows
        return {
            "labels": [r["day"].isoformat() for r in rows],
            "values": [r["value"] for r in rows],
            "center": [r["center"] for r in rows],
            "ucl": [r["ucl"] for r in rows],
            "lcl": [r["lcl"] for r in rows],
            "signals": [i for i, r in enumerate(rows) if r["signal"]],
            "names": {
                "value": _("Value"),
                "center": _("Center line"),
                "ucl": _("Upper control limit"),
                "lcl": _("Lower control limit"),
                "signal": _("Signal"),
            },
        }

    def signals(self) -> list[dict[str, Any]]:
        """The points that signal, newest first, for the one-click follow-up."""
        found = []
        for table, label in (
            (self.individuals, _("Daily mean rating")),
            (self.p_chart, _("Share of low evaluations")),
        ):
            for row in table.rows:
                if row["signal"]:
                    found.append(
                        {
                            "chart": table.key,
                            "chart_label": label,
                            "day": row["day"],
                            "value": row["value"],
                            "rules": row["signal"],
                        }
                    )
        return sorted(found, key=lambda s: s["day"], reverse=True)

    # -- comments ----------------------------------------------------------------------

    @cached_property
    def comments(self) -> Table:
        s = self.selection
        qs = self._raw(Evaluation.objects.exclude(comment=""))
        if s.rating == "low":
            qs = qs.filter(low=True)
        elif s.rating == "other":
            qs = qs.filter(low=False)
        if s.language:
            qs = qs.filter(language=s.language)
        rows = [
            {
                "submitted_at": e.submitted_at,
                "site": e.site.code,
                "contact_point": e.contact_point.label,
                "low": _("Low") if e.low else "",
                "language": "中文" if e.language.startswith("zh") else "English",
                "comment": e.comment,
            }
            for e in qs.select_related("site", "contact_point").order_by("-submitted_at", "-pk")[
                :COMMENTS_SHOWN
            ]
        ]
        return Table(
            "comments",
            _("Customers' comments"),
            [
                ("submitted_at", _("Submitted at")),
                ("site", _("Site")),
                ("contact_point", _("Contact point")),
                ("low", _("Rating")),
                ("language", _("Language")),
                ("comment", _("Comment")),
            ],
            rows,
        )

    # -- all the tables, by key (the exports) --------------------------------------------

    TABLES = (
        "trend",
        "by_site",
        "by_point",
        "by_characteristic",
        "weakest",
        "ipa",
        "journeys",
        "individuals",
        "p_chart",
        "comments",
    )

    def table(self, key: str) -> Table | None:
        names = {
            "trend": "trend",
            "sites": "by_site",
            "contact_points": "by_point",
            "characteristics": "by_characteristic",
            "weakest": "weakest",
            "ipa": "ipa",
            "journeys": "journeys",
            "individuals": "individuals",
            "p_chart": "p_chart",
            "comments": "comments",
        }
        name = names.get(key)
        return getattr(self, name) if name else None
