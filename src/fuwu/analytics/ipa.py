"""Importance-performance analysis (IPA): which characteristics to work on first."""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fuwu.analytics._checks import numbers

# Martilla & James (1977) name the four quadrants so:
CONCENTRATE_HERE = "concentrate_here"  # important, performing poorly
KEEP_UP_THE_GOOD_WORK = "keep_up_the_good_work"  # important, performing well
LOW_PRIORITY = "low_priority"  # unimportant, performing poorly
POSSIBLE_OVERKILL = "possible_overkill"  # unimportant, performing well


@dataclass(frozen=True)
class Quadrants:
    """Where the crosshair lies (importance, performance) and each item's quadrant."""

    importance: float
    performance: float
    items: dict[str, str]


def quadrants(
    items: Mapping[str, tuple[float, float]],
    crosshair: Literal["mean", "midpoint"] = "mean",
    scale: int = 5,
) -> Quadrants:
    """Place each item, given as (importance, performance), in one of the four quadrants.

    Method: Martilla, J. A. & James, J. C. (1977) "Importance-Performance Analysis",
    Journal of Marketing 41(1). The crosshair is either the mean importance and mean
    performance of the items ("mean", the data-centred variant) or the midpoint of the
    1..``scale`` rating scale ("midpoint", the scale-centred one). A value on the crosshair
    counts as high.
    """
    if not items:
        raise ValueError("ipa: no items given")
    pairs: dict[str, tuple[float, float]] = {}
    for name, pair in items.items():
        if len(pair) != 2:
            raise ValueError(f"ipa: item {name!r} must be (importance, performance)")
        importance, performance = numbers(pair, f"ipa item {name!r}")
        pairs[name] = (importance, performance)
    if crosshair == "mean":
        x = statistics.fmean(p[0] for p in pairs.values())
        y = statistics.fmean(p[1] for p in pairs.values())
    elif crosshair == "midpoint":
        if scale < 2:
            raise ValueError(f"ipa scale must be at least 2, got {scale!r}")
        x = y = (1 + scale) / 2
    else:
        raise ValueError(f'ipa crosshair must be "mean" or "midpoint", got {crosshair!r}')
    placed = {}
    for name, (importance, performance) in pairs.items():
        if importance >= x:
            placed[name] = KEEP_UP_THE_GOOD_WORK if performance >= y else CONCENTRATE_HERE
        else:
            placed[name] = POSSIBLE_OVERKILL if performance >= y else LOW_PRIORITY
    return Quadrants(x, y, placed)
