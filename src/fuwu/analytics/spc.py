"""Shewhart attribute and variable charts and the EWMA chart (NIST/SEMATECH e-Handbook 6.3).

Every chart is a :class:`Chart`: the plotted value of each point, the center line, the
upper and lower control limit of each point (attribute charts with unequal sizes have
limits that vary by point) and the points beyond the limits as signals (rule 1). Run
rules (`western_electric`, `nelson`) live in a private module and are public here.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from fuwu.analytics._checks import fraction, numbers
from fuwu.analytics._rules import Signal, nelson, western_electric

__all__ = [
    "Chart",
    "Signal",
    "c_chart",
    "ewma_chart",
    "imr",
    "nelson",
    "np_chart",
    "p_chart",
    "u_chart",
    "western_electric",
    "xbar_r",
]

# Control chart constants for subgroups of n = 2..10 (ASTM STP 15D, Manual on Presentation of
# Data and Control Chart Analysis; the table in NIST/SEMATECH e-Handbook 6.3.2.1): A2, D3, D4.
_XBAR_R: dict[int, tuple[float, float, float]] = {
    2: (1.880, 0.0, 3.267),
    3: (1.023, 0.0, 2.574),
    4: (0.729, 0.0, 2.282),
    5: (0.577, 0.0, 2.114),
    6: (0.483, 0.0, 2.004),
    7: (0.419, 0.076, 1.924),
    8: (0.373, 0.136, 1.864),
    9: (0.337, 0.184, 1.816),
    10: (0.308, 0.223, 1.777),
}
# d2 for moving ranges of two points, and D4 for n = 2 (e-Handbook 6.3.2.2).
_D2_MR = 1.128
_D4_MR = 3.267


@dataclass(frozen=True)
class Chart:
    """One control chart: per-point values and limits, the center line, and the signals."""

    kind: str
    values: tuple[float, ...]
    center: float
    ucl: tuple[float, ...]
    lcl: tuple[float, ...]
    signals: tuple[Signal, ...]


def _chart(
    kind: str, values: Sequence[float], center: float, ucl: Sequence[float], lcl: Sequence[float]
) -> Chart:
    signals = tuple(
        Signal(i, 1, "limits") for i, v in enumerate(values) if v > ucl[i] or v < lcl[i]
    )
    return Chart(kind, tuple(values), center, tuple(ucl), tuple(lcl), signals)


def _counts(values: Sequence[float], what: str) -> list[float]:
    out = numbers(values, what)
    if any(v < 0 or v != int(v) for v in out):
        raise ValueError(f"{what} must be non-negative whole numbers")
    return out


def _sizes(sizes: Sequence[float] | float, length: int, what: str) -> list[float]:
    listed = [sizes] * length if isinstance(sizes, int | float) else list(sizes)
    out = numbers(listed, what)
    if len(out) != length:
        raise ValueError(f"{what}: {len(out)} sizes for {length} samples")
    if any(n <= 0 for n in out):
        raise ValueError(f"{what} must be positive")
    return out


def p_chart(defectives: Sequence[float], sizes: Sequence[float] | float) -> Chart:
    """p chart of the fraction nonconforming in each sample.

    Method: NIST/SEMATECH e-Handbook 6.3.3.2 (p control charts): p_i = d_i / n_i,
    center p-bar = sum d / sum n, limits p-bar +/- 3 sqrt(p-bar (1 - p-bar) / n_i),
    bounded to 0..1. ``sizes`` is one size for all samples or one size per sample.
    """
    d = _counts(defectives, "p_chart defectives")
    n = _sizes(sizes, len(d), "p_chart sizes")
    if any(di > ni for di, ni in zip(d, n, strict=True)):
        raise ValueError("p_chart: a sample has more defectives than items")
    p_bar = sum(d) / sum(n)
    spread = [3 * math.sqrt(p_bar * (1 - p_bar) / ni) for ni in n]
    return _chart(
        "p",
        [di / ni for di, ni in zip(d, n, strict=True)],
        p_bar,
        [min(1.0, p_bar + s) for s in spread],
        [max(0.0, p_bar - s) for s in spread],
    )


def np_chart(defectives: Sequence[float], size: float) -> Chart:
    """np chart of the number nonconforming in samples of one size ``size``.

    Method: NIST/SEMATECH e-Handbook 6.3.3.2 and Montgomery, D. C. *Introduction to
    Statistical Quality Control*, 7th ed., 7.2.1: center n p-bar, limits
    n p-bar +/- 3 sqrt(n p-bar (1 - p-bar)), the lower bounded at 0.
    """
    d = _counts(defectives, "np_chart defectives")
    n = _sizes(size, 1, "np_chart size")[0]
    if any(di > n for di in d):
        raise ValueError("np_chart: a sample has more defectives than items")
    p_bar = sum(d) / (n * len(d))
    center = n * p_bar
    spread = 3 * math.sqrt(center * (1 - p_bar))
    return _chart(
        "np", d, center, [min(n, center + spread)] * len(d), [max(0.0, center - spread)] * len(d)
    )


def c_chart(counts: Sequence[float]) -> Chart:
    """c chart of the number of nonconformities (defects) per unit of constant size.

    Method: NIST/SEMATECH e-Handbook 6.3.3.1 (counts control charts): center c-bar, limits
    c-bar +/- 3 sqrt(c-bar), the lower bounded at 0.
    """
    c = _counts(counts, "c_chart counts")
    c_bar = statistics.fmean(c)
    spread = 3 * math.sqrt(c_bar)
    return _chart("c", c, c_bar, [c_bar + spread] * len(c), [max(0.0, c_bar - spread)] * len(c))


def u_chart(counts: Sequence[float], sizes: Sequence[float] | float) -> Chart:
    """u chart of nonconformities per unit when the inspected amount varies.

    Method: NIST/SEMATECH e-Handbook 6.3.3.1 and Montgomery 7.3.1: u_i = c_i / n_i,
    center u-bar = sum c / sum n, limits u-bar +/- 3 sqrt(u-bar / n_i), the lower bounded
    at 0.
    """
    c = _counts(counts, "u_chart counts")
    n = _sizes(sizes, len(c), "u_chart sizes")
    u_bar = sum(c) / sum(n)
    spread = [3 * math.sqrt(u_bar / ni) for ni in n]
    return _chart(
        "u",
        [ci / ni for ci, ni in zip(c, n, strict=True)],
        u_bar,
        [u_bar + s for s in spread],
        [max(0.0, u_bar - s) for s in spread],
    )


def imr(values: Sequence[float]) -> tuple[Chart, Chart]:
    """Individuals and moving-range charts, returned as (individuals, moving_ranges).

    Method: NIST/SEMATECH e-Handbook 6.3.2.2 (individuals control charts): MR_i =
    |x_i - x_{i-1}|; individuals center x-bar, limits x-bar +/- 3 MR-bar / 1.128; moving
    ranges center MR-bar, UCL 3.267 MR-bar, LCL 0.
    """
    x = numbers(values, "imr values")
    if len(x) < 2:
        raise ValueError("imr needs at least two values (one moving range)")
    ranges = [abs(b - a) for a, b in itertools.pairwise(x)]
    mr_bar = statistics.fmean(ranges)
    x_bar = statistics.fmean(x)
    spread = 3 * mr_bar / _D2_MR
    individuals = _chart(
        "individuals", x, x_bar, [x_bar + spread] * len(x), [x_bar - spread] * len(x)
    )
    moving = _chart(
        "moving_range", ranges, mr_bar, [_D4_MR * mr_bar] * len(ranges), [0.0] * len(ranges)
    )
    return individuals, moving


def xbar_r(subgroups: Sequence[Sequence[float]]) -> tuple[Chart, Chart]:
    """X-bar and R charts of rational subgroups of one size n (2..10), as (xbar, r).

    Method: NIST/SEMATECH e-Handbook 6.3.2.1 (Shewhart X-bar and R control charts):
    center x-double-bar and R-bar; X-bar limits x-double-bar +/- A2 R-bar; R limits
    D3 R-bar and D4 R-bar, with A2, D3, D4 from the handbook's table (ASTM STP 15D).
    """
    groups = [numbers(g, f"xbar_r subgroup {i + 1}") for i, g in enumerate(subgroups)]
    if not groups:
        raise ValueError("xbar_r: no subgroups given")
    size = len(groups[0])
    if any(len(g) != size for g in groups):
        raise ValueError("xbar_r: every subgroup must have the same size")
    if size not in _XBAR_R:
        raise ValueError(f"xbar_r: subgroup size must be 2..10, got {size}")
    a2, d3, d4 = _XBAR_R[size]
    means = [statistics.fmean(g) for g in groups]
    ranges = [max(g) - min(g) for g in groups]
    grand = statistics.fmean(means)
    r_bar = statistics.fmean(ranges)
    m = len(groups)
    xbar = _chart("xbar", means, grand, [grand + a2 * r_bar] * m, [grand - a2 * r_bar] * m)
    r = _chart("r", ranges, r_bar, [d4 * r_bar] * m, [d3 * r_bar] * m)
    return xbar, r


def ewma_chart(
    values: Sequence[float], lam: float, target: float, sigma: float, L: float = 3
) -> Chart:
    """EWMA chart of individual values against a known target and sigma.

    Method: NIST/SEMATECH e-Handbook 6.3.2.4 (EWMA control charts), after Roberts (1959):
    EWMA_0 = target, EWMA_t = lam x_t + (1 - lam) EWMA_{t-1}; center target; limits
    target +/- L sigma sqrt(lam / (2 - lam)) (the handbook's steady-state limits). ``L`` keeps
    the name the literature gives the limit width.
    """
    weight = fraction(lam)
    x = numbers(values, "ewma_chart values")
    centre, s = numbers([target, sigma], "ewma_chart target and sigma")
    if s <= 0:
        raise ValueError(f"ewma_chart sigma must be positive, got {sigma!r}")
    if not L > 0:
        raise ValueError(f"ewma_chart L must be positive, got {L!r}")
    z = centre
    points = []
    for value in x:
        z = weight * value + (1 - weight) * z
        points.append(z)
    spread = L * s * math.sqrt(weight / (2 - weight))
    return _chart("ewma", points, centre, [centre + spread] * len(x), [centre - spread] * len(x))
