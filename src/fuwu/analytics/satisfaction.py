"""Satisfaction measures: NPS, CSAT, CES, a weighted index, peak-end and EWMA.

SB/T 10382-2004 4.5.1 asks for customer satisfaction to be measured; 3.11 says later feelings
weigh more, so journeys report the plain mean, the peak-end score and the EWMA side by side.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from fuwu.analytics._checks import fraction, in_range, numbers


def nps(scores: Sequence[float]) -> float:
    """Net Promoter Score, from -100 (all detractors) to 100 (all promoters).

    Method: Reichheld, F. F. (2003) "The One Number You Need to Grow", Harvard Business
    Review 81(12): answers 0-10 to "how likely are you to recommend"; promoters answer
    9-10, detractors 0-6; NPS = % promoters - % detractors.
    """
    values = numbers(scores, "nps scores")
    in_range(values, 0, 10, "nps scores")
    promoters = sum(1 for v in values if v >= 9)
    detractors = sum(1 for v in values if v <= 6)
    return 100.0 * (promoters - detractors) / len(values)


def csat(ratings: Sequence[float], scale: int = 5) -> float:
    """Customer satisfaction score as the top-two-box percentage (0-100).

    Method: top-two-box share, Hayes, B. E. (2008) *Measuring Customer Satisfaction and
    Loyalty*, 3rd ed., ASQ Quality Press: the percentage of ratings in the two highest
    categories of a 1..``scale`` rating scale.
    """
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 3:
        raise ValueError(f"csat scale must be an integer of at least 3, got {scale!r}")
    values = numbers(ratings, "csat ratings")
    in_range(values, 1, scale, "csat ratings")
    top = sum(1 for v in values if v >= scale - 1)
    return 100.0 * top / len(values)


def ces(scores: Sequence[float]) -> float:
    """Customer Effort Score: the mean of the effort answers (1 = very easy … 7 = very hard).

    Method: Dixon, M., Freeman, K. & Toman, N. (2010) "Stop Trying to Delight Your
    Customers", Harvard Business Review 88(7/8): CES is the average effort rating.
    """
    values = numbers(scores, "ces scores")
    in_range(values, 1, 7, "ces scores")
    return statistics.fmean(values)


def index(
    ratings_by_indicator: Mapping[str, Sequence[float]],
    weights: Mapping[str, float],
    scale: int = 5,
) -> float:
    """Weighted satisfaction index on 0-100.

    Method: the ACSI transformation (Fornell, C. et al. (1996) "The American Customer
    Satisfaction Index", Journal of Marketing 60(4)): each indicator's mean rating on
    1..``scale`` is rescaled to 0-100 as (mean - 1) / (scale - 1) * 100, and the index is
    the weighted mean of the rescaled indicators.
    """
    if not ratings_by_indicator:
        raise ValueError("index: no indicators given")
    if set(weights) != set(ratings_by_indicator):
        raise ValueError("index: weights must name exactly the indicators rated")
    if scale < 2:
        raise ValueError(f"index scale must be at least 2, got {scale!r}")
    total_weight = 0.0
    weighted = 0.0
    for indicator, ratings in ratings_by_indicator.items():
        values = numbers(ratings, f"index ratings of {indicator}")
        in_range(values, 1, scale, f"index ratings of {indicator}")
        weight = numbers([weights[indicator]], f"index weight of {indicator}")[0]
        if weight < 0:
            raise ValueError(f"index weight of {indicator} is negative")
        total_weight += weight
        weighted += weight * (statistics.fmean(values) - 1) / (scale - 1) * 100
    if total_weight == 0:
        raise ValueError("index: the weights sum to zero")
    return weighted / total_weight


def peak_end(ratings: Sequence[float], scale: int = 5) -> float:
    """Peak-end score of a journey: the mean of its most intense moment and its last one.

    Method: Kahneman, D., Fredrickson, B. L., Schreiber, C. A. & Redelmeier, D. A. (1993)
    "When More Pain Is Preferred to Less: Adding a Better End", Psychological Science 4(6):
    retrospective evaluations follow the average of the peak and the end. The peak is the
    rating farthest from the scale's midpoint (the most intense feeling, good or bad); on a
    tie the later one counts, since later feelings weigh more (SB/T 10382 3.11).
    """
    values = numbers(ratings, "peak_end ratings")
    in_range(values, 1, scale, "peak_end ratings")
    midpoint = (1 + scale) / 2
    peak = values[0]
    for value in values:
        if abs(value - midpoint) >= abs(peak - midpoint):
            peak = value
    return (peak + values[-1]) / 2


def ewma(ratings: Sequence[float], lam: float) -> float:
    """Recency-weighted mean of a sequence of ratings (the last EWMA value).

    Method: Roberts, S. W. (1959) "Control Chart Tests Based on Geometric Moving Averages",
    Technometrics 1(3); NIST/SEMATECH e-Handbook 6.3.2.4: z_t = λ·x_t + (1 - λ)·z_{t-1},
    started here at the first rating (no target is known for a journey).
    """
    weight = fraction(lam)
    values = numbers(ratings, "ewma ratings")
    z = values[0]
    for value in values[1:]:
        z = weight * value + (1 - weight) * z
    return z
