"""Where the fulfilment of a commitment is measured from: a registry capabilities
contribute to (like improvement's sources of nonconformities).

A source reads one figure for a commitment over a period from Fuwu's own data —
read only, through the owning app's read interface — or, for "manual", nothing: the
figure is recorded by hand. A capability that can measure a kind of promise registers
its source from its AppConfig.ready() (or a module it imports)::

    from fuwu.operations.fulfilment import Measured, register_fulfilment_source

    def first_response_share(commitment, start, end, reader):
        ...
        return Measured(Decimal("96.5"), sample_size=212)

    register_fulfilment_source(
        "request_first_response",
        label=_("Share of requests answered within their target (%)"),
        measure=first_response_share,
    )

`services/commitments.py` calls `measure(commitment, start, end, reader)` with the
commitment (its site, contact point and characteristic narrow the reading), the days
of the period (both included) and the person measuring (the reading is cut to what
they may see); None means there is nothing to measure in the period. See ADR 0035.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MANUAL = "manual"


@dataclass(frozen=True)
class Measured:
    value: Decimal
    sample_size: int | None = None


Measure = Callable[[Any, date, date, Any], Measured | None]


@dataclass(frozen=True)
class FulfilmentSource:
    key: str
    label: Promise | str
    measure: Measure | None = None  # None: recorded by hand

    @property
    def automatic(self) -> bool:
        return self.measure is not None


SOURCES: dict[str, FulfilmentSource] = {}


def register_fulfilment_source(
    key: str, *, label: Promise | str, measure: Measure | None = None
) -> FulfilmentSource:
    """Register a source (idempotent for the same declaration)."""
    source = FulfilmentSource(key, label, measure)
    if key in SOURCES and SOURCES[key] != source:
        raise ValueError(f"fulfilment source {key!r} is registered twice")
    SOURCES[key] = source
    return source


def get_source(key: str) -> FulfilmentSource | None:
    return SOURCES.get(key)


def source_choices() -> list[tuple[str, Promise | str]]:
    return [(s.key, s.label) for s in SOURCES.values()]


def source_label(key: str) -> str:
    source = SOURCES.get(key)
    return str(source.label) if source is not None else key


# -- the sources operations knows today --------------------------------------------------


def _satisfaction(commitment: Any, start: date, end: date, reader: Any) -> Any:
    from fuwu.measurement.satisfaction import satisfaction

    rows = satisfaction(
        organization=commitment.organization,
        user=reader,
        start=start,
        end=end,
        sites=[commitment.site_id] if commitment.site_id else None,
        contact_points=[commitment.contact_point_id] if commitment.contact_point_id else None,
        characteristic=commitment.characteristic_id,
    )
    return rows[0] if rows else None


def evaluation_mean(commitment: Any, start: date, end: date, reader: Any) -> Measured | None:
    """The mean 1-5 rating customers gave (at its site, contact point, characteristic)."""
    figures = _satisfaction(commitment, start, end, reader)
    if figures is None or figures.mean is None:
        return None
    return Measured(Decimal(str(round(figures.mean, 2))), figures.ratings)


def evaluation_csat(commitment: Any, start: date, end: date, reader: Any) -> Measured | None:
    """The share of 4 and 5 ratings (percent), read the same way."""
    figures = _satisfaction(commitment, start, end, reader)
    if figures is None or figures.csat is None:
        return None
    return Measured(Decimal(str(round(figures.csat, 2))), figures.ratings)


def _requests_due(
    commitment: Any, start: date, end: date, reader: Any, due: str, done: str
) -> Measured | None:
    """The share (percent) of requests received in the period, at the commitment's site
    and contact point, that were `done` by their `due` time. A request still open and not
    yet due counts for nothing; one past due without it counts as missed."""
    from django.db.models import Count, F, Q
    from django.utils import timezone

    from fuwu.core.dates import start_of

    from .selectors import requests_for

    now = timezone.now()
    rows = requests_for(reader, commitment.organization).filter(
        received_at__gte=start_of(start), received_at__lt=start_of(end + timedelta(days=1))
    )
    if commitment.site_id:
        rows = rows.filter(site_id=commitment.site_id)
    if commitment.contact_point_id:
        rows = rows.filter(contact_point_id=commitment.contact_point_id)
    rows = rows.filter(Q(**{f"{done}__isnull": False}) | Q(**{f"{due}__lt": now}))
    counts = rows.aggregate(
        total=Count("pk"), kept=Count("pk", filter=Q(**{f"{done}__lte": F(due)}))
    )
    if not counts["total"]:
        return None
    share = Decimal(100 * counts["kept"]) / counts["total"]
    return Measured(share.quantize(Decimal("0.01")), counts["total"])


def request_first_response(commitment: Any, start: date, end: date, reader: Any) -> Measured | None:
    """The share of requests that got their first response within the target (%)."""
    return _requests_due(commitment, start, end, reader, "response_due_at", "first_response_at")


def request_resolution(commitment: Any, start: date, end: date, reader: Any) -> Measured | None:
    """The share of requests closed within their resolution target (%)."""
    return _requests_due(commitment, start, end, reader, "resolution_due_at", "closed_at")


register_fulfilment_source(MANUAL, label=_("Recorded by hand"))
register_fulfilment_source(
    "evaluation_mean", label=_("Customers' mean rating (1-5)"), measure=evaluation_mean
)
register_fulfilment_source(
    "evaluation_csat",
    label=_("Share of customers rating 4 or 5 (%)"),
    measure=evaluation_csat,
)
register_fulfilment_source(
    "request_first_response",
    label=_("Share of requests answered within their target (%)"),
    measure=request_first_response,
)
register_fulfilment_source(
    "request_resolution",
    label=_("Share of requests resolved within their target (%)"),
    measure=request_resolution,
)
