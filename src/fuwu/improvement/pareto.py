"""Pareto analyses of nonconformities (4.5.3 feeding 4.5.4): how many by cause
category, contact point, characteristic and site over a period, largest first, with
the cumulative share — the few causes behind most of the recurrence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site
from fuwu.design.models import CharacteristicKey, ContactPoint

from .models import CauseCategory, Nonconformity


@dataclass(frozen=True)
class Dimension:
    key: str
    field: str
    title: Promise
    blank: Promise  # the bar of records that do not name one


DIMENSIONS = (
    Dimension("cause", "cause_category", _("By cause category"), _("Not analysed")),
    Dimension("contact_point", "contact_point", _("By contact point"), _("No contact point")),
    Dimension("characteristic", "characteristic", _("By characteristic"), _("Not recorded")),
    Dimension("site", "site", _("By site"), _("No site")),
)
BY_KEY = {d.key: d for d in DIMENSIONS}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: float  # percent of all
    cumulative: float  # percent, running
    short: str = ""  # on the chart's axis (a code); the label in the tooltip and table


@dataclass(frozen=True)
class Pareto:
    dimension: Dimension
    bars: list[Bar]
    total: int

    def chart(self) -> dict[str, Any]:
        """What the chart script reads (improvement/static/improvement/pareto.js)."""
        return {
            "labels": [bar.short or bar.label for bar in self.bars],
            "titles": [bar.label for bar in self.bars],
            "counts": [bar.count for bar in self.bars],
            "cumulative": [round(bar.cumulative, 1) for bar in self.bars],
            "names": {"count": str(_("Nonconformities")), "cumulative": str(_("Cumulative %"))},
        }


def in_period(qs: QuerySet[Nonconformity], start: date, end: date) -> QuerySet[Nonconformity]:
    return qs.filter(detected_at__date__gte=start, detected_at__date__lte=end)


def _labels(dimension: Dimension, keys: list[Any], organization: Any) -> dict[Any, tuple[str, str]]:
    """(label, short) per key: contact points and sites by their code on the axis."""
    if dimension.key == "cause":
        return {k: (str(label), "") for k, label in CauseCategory.choices}
    if dimension.key == "characteristic":
        return {k: (str(label), "") for k, label in CharacteristicKey.choices}
    model = ContactPoint if dimension.key == "contact_point" else Site
    rows = model.objects.filter(organization=organization, pk__in=[k for k in keys if k])
    return {row.pk: (f"{row.code} {row.name}", row.code) for row in rows}


def pareto(qs: QuerySet[Nonconformity], dimension: Dimension, organization: Any) -> Pareto:
    """One Pareto of the nonconformities in `qs` (already scoped and in period)."""
    rows = list(
        qs.order_by()
        .values(dimension.field)
        .annotate(n=Count("pk"))
        .order_by("-n", dimension.field)
    )
    labels = _labels(dimension, [row[dimension.field] for row in rows], organization)
    total = sum(row["n"] for row in rows)
    bars: list[Bar] = []
    running = 0
    # Largest first; the records naming nothing stay last whatever their number.
    for row in sorted(rows, key=lambda r: (not r[dimension.field], -r["n"])):
        key = row[dimension.field]
        running += row["n"]
        label, short = labels.get(key, (str(dimension.blank), "")) if key else ("", "")
        bars.append(
            Bar(
                label or str(dimension.blank),
                row["n"],
                100.0 * row["n"] / total,
                100.0 * running / total,
                short,
            )
        )
    return Pareto(dimension, bars, total)
