"""Rollups of customer evaluations (ADR 0031): counts and value histograms per day and per
month, so that dashboards read a few thousand rows instead of millions of answers, and
their figures stay exact (NPS, CSAT, CES, index and means come from the counts).

Each row is one cell: an organization, a span (a day, or a month keyed by its first
day), a level (a contact point at a site, a site, a contact point at all sites, or the
whole organization; coarser levels leave the site or the contact point empty) and a
channel. The coarser levels also hold an all-channels cell (channel empty), which the
common, unfiltered reads take: a third of the rows. The worker keeps them current up
to a watermark (the highest evaluation id rolled up); reads add the evaluations above
it from the raw rows (the tail).

Ids of sites, contact points, characteristics and indicators are plain numbers, not
foreign keys: a rollup is derived data, rebuilt from the evaluations at any time (`fuwu
rollup-evaluations --rebuild`), and must not hold those rows in place.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Histogram columns: how many answers had each value, per numeric question type.
RATING_VALUES = range(1, 6)
NPS_VALUES = range(0, 11)
CES_VALUES = range(1, 8)
HISTOGRAM = (
    [("rating", v, f"rating_{v}") for v in RATING_VALUES]
    + [("nps", v, f"nps_{v}") for v in NPS_VALUES]
    + [("ces", v, f"ces_{v}") for v in CES_VALUES]
)
# Moment columns: the sums every figure is computed from, stored next to the histogram
# so that a read sums 9 columns rather than weighting 23 (a mean and a variance come
# from n, the sum and the sum of squares). Each: (column, kind, weight of a value,
# which values count).
MOMENT_COLUMNS = (
    ("ratings", "rating", lambda v: 1, lambda v: True),
    ("rating_sum", "rating", lambda v: v, lambda v: True),
    ("rating_squares", "rating", lambda v: v * v, lambda v: True),
    ("rating_top", "rating", lambda v: 1, lambda v: v >= 4),
    ("recommendations", "nps", lambda v: 1, lambda v: True),
    ("promoters", "nps", lambda v: 1, lambda v: v >= 9),
    ("detractors", "nps", lambda v: 1, lambda v: v <= 6),
    ("efforts", "ces", lambda v: 1, lambda v: True),
    ("effort_sum", "ces", lambda v: v, lambda v: True),
)
# The channel of an all-channels cell (an evaluation always has a channel).
ALL_CHANNELS = ""


class Span(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")


class Level(models.IntegerChoices):
    POINT = 0, _("Contact point at a site")
    SITE = 1, _("Site")
    ORGANIZATION = 2, _("Organization")
    CONTACT_POINT = 3, _("Contact point at all sites")


class RollupCell(models.Model):
    organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        # Derived data written by the million in a rebuild: no constraint (its
        # deferred check would queue a trigger event per row until the commit).
        db_constraint=False,
        verbose_name=_("organization"),
    )
    span = models.CharField(_("span"), max_length=5, choices=Span.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    day = models.DateField(_("day"))
    site_id = models.IntegerField(_("site"), null=True, blank=True)
    contact_point_id = models.IntegerField(_("contact point"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=10)

    class Meta:
        abstract = True


def _indexes(prefix: str) -> list[models.Index]:
    return [
        models.Index(fields=["organization", "span", "level", "day"], name=f"{prefix}_org_day"),
        # The all-channels cells, which the unfiltered reads of the coarser levels
        # take: without it they visit every channel's rows (a few in a hundred rows).
        models.Index(
            fields=["organization", "span", "level", "day"],
            condition=models.Q(channel=ALL_CHANNELS),
            name=f"{prefix}_all_day",
        ),
        # A site's rows, or one contact point's at one site (the finest level).
        models.Index(
            fields=["organization", "span", "level", "site_id", "contact_point_id", "day"],
            name=f"{prefix}_site_point_day",
        ),
        models.Index(
            fields=["organization", "span", "level", "contact_point_id", "day"],
            name=f"{prefix}_point_day",
        ),
    ]


class EvaluationRollup(RollupCell):
    """How many evaluations a cell received and how many were low: all of them
    (characteristic empty), or those that answered a question about a characteristic
    (each counts once per characteristic)."""

    characteristic_id = models.IntegerField(_("characteristic"), null=True, blank=True)
    responses = models.PositiveIntegerField(_("responses"), default=0)
    low = models.PositiveIntegerField(_("low ratings"), default=0)

    class Meta:
        verbose_name = _("evaluation rollup")
        verbose_name_plural = _("evaluation rollups")
        indexes = _indexes("meas_evroll")

    def __str__(self) -> str:
        return f"{self.span} {self.day} {self.site_id}/{self.contact_point_id}: {self.responses}"


class AnswerRollup(RollupCell):
    """How many numeric answers of a cell had each value, per subject: the question's
    characteristic and indicator (either may be empty: the overall rating names
    neither)."""

    characteristic_id = models.IntegerField(_("characteristic"), null=True, blank=True)
    indicator_id = models.IntegerField(_("indicator"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer rollup")
        verbose_name_plural = _("answer rollups")
        indexes = _indexes("meas_anroll")

    def __str__(self) -> str:
        return f"{self.span} {self.day} {self.site_id}/{self.contact_point_id}"


for _kind, _value, _column in HISTOGRAM:
    AnswerRollup.add_to_class(_column, models.PositiveIntegerField(default=0))
for _column, *_rule in MOMENT_COLUMNS:
    AnswerRollup.add_to_class(_column, models.BigIntegerField(default=0))


class RollupWatermark(models.Model):
    """The highest evaluation id the rollups hold: reads take the evaluations above
    it from the raw rows."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    last_id = models.BigIntegerField(_("last evaluation"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed"), null=True, blank=True)

    class Meta:
        verbose_name = _("rollup watermark")
        verbose_name_plural = _("rollup watermarks")

    def __str__(self) -> str:
        return f"{self.name}: {self.last_id}"
