"""Run rules for control charts: Western Electric (1956) and Nelson (1984), public via spc.

Each rule reports the point that completes its pattern: the last point of the window,
and only when that point itself takes part in the pattern, so a long run is reported at
each point that extends it rather than at points that merely follow it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fuwu.analytics._checks import numbers


@dataclass(frozen=True)
class Signal:
    """A point that signals: its 0-based index, the rule number, and the rule set."""

    index: int
    rule: int
    rules: str  # "limits", "western_electric" or "nelson"


def _zones(values: Sequence[float], center: float, sigma: float) -> list[float]:
    if not math.isfinite(center):
        raise ValueError(f"center must be a finite number, got {center!r}")
    if isinstance(sigma, bool) or not isinstance(sigma, int | float) or not sigma > 0:
        raise ValueError(f"sigma must be a positive number, got {sigma!r}")
    if not math.isfinite(sigma):
        raise ValueError(f"sigma must be finite, got {sigma!r}")
    return [(v - center) / sigma for v in numbers(values, "chart values")]


def _side(z: float) -> int:
    return (z > 0) - (z < 0)


def _k_of_m_beyond(z: list[float], k: int, m: int, limit: float) -> list[int]:
    """Indexes i where k of the m points ending at i lie beyond ``limit`` sigma on i's side."""
    hits = []
    for i in range(m - 1, len(z)):
        side = _side(z[i])
        if side == 0 or abs(z[i]) <= limit:
            continue
        window = z[i - m + 1 : i + 1]
        if sum(1 for w in window if _side(w) == side and abs(w) > limit) >= k:
            hits.append(i)
    return hits


def _same_side_run(z: list[float], length: int) -> list[int]:
    hits = []
    for i in range(length - 1, len(z)):
        side = _side(z[i])
        if side != 0 and all(_side(w) == side for w in z[i - length + 1 : i + 1]):
            hits.append(i)
    return hits


def _beyond(z: list[float], limit: float) -> list[int]:
    return [i for i, w in enumerate(z) if abs(w) > limit]


def _trend(z: list[float], length: int) -> list[int]:
    hits = []
    for i in range(length - 1, len(z)):
        steps = [z[j + 1] - z[j] for j in range(i - length + 1, i)]
        if all(s > 0 for s in steps) or all(s < 0 for s in steps):
            hits.append(i)
    return hits


def _alternating(z: list[float], length: int) -> list[int]:
    hits = []
    for i in range(length - 1, len(z)):
        steps = [z[j + 1] - z[j] for j in range(i - length + 1, i)]
        if all(s != 0 for s in steps) and all(
            (a > 0) != (b > 0) for a, b in itertools.pairwise(steps)
        ):
            hits.append(i)
    return hits


def _within_run(z: list[float], length: int) -> list[int]:
    return [
        i for i in range(length - 1, len(z)) if all(abs(w) < 1 for w in z[i - length + 1 : i + 1])
    ]


def _outside_run(z: list[float], length: int) -> list[int]:
    return [
        i for i in range(length - 1, len(z)) if all(abs(w) > 1 for w in z[i - length + 1 : i + 1])
    ]


def _apply(
    name: str, z: list[float], rules: dict[int, Callable[[list[float]], list[int]]]
) -> list[Signal]:
    signals = [Signal(i, number, name) for number, rule in rules.items() for i in rule(z)]
    return sorted(signals, key=lambda s: (s.index, s.rule))


def western_electric(values: Sequence[float], center: float, sigma: float) -> list[Signal]:
    """The points that signal under the four Western Electric zone rules.

    Method: Western Electric Co. (1956) *Statistical Quality Control Handbook*, section
    B.1 (also NIST/SEMATECH e-Handbook 6.3.2, "Western Electric rules"):
    1 one point beyond 3 sigma; 2 two of three successive points beyond 2 sigma on the same
    side; 3 four of five successive points beyond 1 sigma on the same side; 4 eight
    successive points on the same side of the center line.
    """
    z = _zones(values, center, sigma)
    return _apply(
        "western_electric",
        z,
        {
            1: lambda z: _beyond(z, 3),
            2: lambda z: _k_of_m_beyond(z, 2, 3, 2),
            3: lambda z: _k_of_m_beyond(z, 4, 5, 1),
            4: lambda z: _same_side_run(z, 8),
        },
    )


def nelson(values: Sequence[float], center: float, sigma: float) -> list[Signal]:
    """The points that signal under Nelson's eight tests for special causes.

    Method: Nelson, L. S. (1984) "The Shewhart Control Chart - Tests for Special Causes",
    Journal of Quality Technology 16(4): 1 one point beyond 3 sigma; 2 nine points in a row
    on one side of the center line; 3 six points in a row steadily increasing or
    decreasing; 4 fourteen points in a row alternating up and down; 5 two of three points
    beyond 2 sigma on the same side; 6 four of five points beyond 1 sigma on the same side;
    7 fifteen points in a row within 1 sigma; 8 eight points in a row beyond 1 sigma on
    either side.
    """
    z = _zones(values, center, sigma)
    return _apply(
        "nelson",
        z,
        {
            1: lambda z: _beyond(z, 3),
            2: lambda z: _same_side_run(z, 9),
            3: lambda z: _trend(z, 6),
            4: lambda z: _alternating(z, 14),
            5: lambda z: _k_of_m_beyond(z, 2, 3, 2),
            6: lambda z: _k_of_m_beyond(z, 4, 5, 1),
            7: lambda z: _within_run(z, 15),
            8: lambda z: _outside_run(z, 8),
        },
    )
