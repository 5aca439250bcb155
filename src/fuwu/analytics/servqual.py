"""SERVQUAL gap scores: perception minus expectation, per item and per dimension."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fuwu.analytics._checks import numbers

Scores = Mapping[str, Mapping[str, float | Sequence[float]]]


@dataclass(frozen=True)
class Gaps:
    """Gap P - E of each item (by dimension), of each dimension, and the unweighted overall."""

    items: dict[str, dict[str, float]]
    dimensions: dict[str, float]
    overall: float


def _mean(value: float | Sequence[float], what: str) -> float:
    listed = [value] if isinstance(value, int | float) else list(value)
    return statistics.fmean(numbers(listed, what))


def gaps(perceptions: Scores, expectations: Scores) -> Gaps:
    """Gap scores from ``{dimension: {item: score or scores}}`` for perceptions and expectations.

    Method: Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988) "SERVQUAL: A
    Multiple-Item Scale for Measuring Consumer Perceptions of Service Quality", Journal of
    Retailing 64(1): item gap = P - E (of the mean scores); a dimension's score is the mean
    of its item gaps; the unweighted SERVQUAL score is the mean of the dimension scores.
    """
    if not perceptions:
        raise ValueError("servqual: no dimensions given")
    if set(perceptions) != set(expectations):
        raise ValueError("servqual: perceptions and expectations must name the same dimensions")
    items: dict[str, dict[str, float]] = {}
    dimensions: dict[str, float] = {}
    for dimension, perceived in perceptions.items():
        expected = expectations[dimension]
        if not perceived:
            raise ValueError(f"servqual: dimension {dimension!r} has no items")
        if set(perceived) != set(expected):
            raise ValueError(f"servqual: dimension {dimension!r} has different items in P and E")
        items[dimension] = {
            item: _mean(perceived[item], f"servqual P {dimension}/{item}")
            - _mean(expected[item], f"servqual E {dimension}/{item}")
            for item in perceived
        }
        dimensions[dimension] = statistics.fmean(items[dimension].values())
    return Gaps(items, dimensions, statistics.fmean(dimensions.values()))


def weighted(gaps: Gaps | Mapping[str, float], weights: Mapping[str, float]) -> float:
    """Weighted SERVQUAL score: the dimension gaps weighted by their importance.

    Method: Parasuraman, Berry & Zeithaml (1991) "Refinement and Reassessment of the
    SERVQUAL Scale", Journal of Retailing 67(4): respondents allocate 100 points over the
    dimensions; the score is sum(w_d * gap_d) / sum(w_d).
    """
    by_dimension = gaps.dimensions if isinstance(gaps, Gaps) else dict(gaps)
    if not by_dimension:
        raise ValueError("servqual: no dimension gaps given")
    if set(weights) != set(by_dimension):
        raise ValueError("servqual: weights must name exactly the dimensions")
    w = dict(zip(weights, numbers(weights.values(), "servqual weights"), strict=True))
    if any(v < 0 for v in w.values()):
        raise ValueError("servqual: weights must not be negative")
    total = sum(w.values())
    if total == 0:
        raise ValueError("servqual: the weights sum to zero")
    return sum(w[d] * by_dimension[d] for d in by_dimension) / total
