"""Input checks shared by the analytics modules: bad input is a ValueError saying what is wrong."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def numbers(values: Iterable[float], what: str) -> list[float]:
    """Return ``values`` as a non-empty list of finite floats; ValueError names ``what``."""
    out: list[float] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{what}: {value!r} is not a number")
        if not math.isfinite(value):
            raise ValueError(f"{what}: {value!r} is not a finite number")
        out.append(float(value))
    if not out:
        raise ValueError(f"{what}: no values given")
    return out


def in_range(values: Sequence[float], low: float, high: float, what: str) -> None:
    """Raise ValueError unless every value lies in [low, high]."""
    for value in values:
        if not low <= value <= high:
            raise ValueError(f"{what}: {value:g} is outside {low:g}..{high:g}")


def fraction(lam: float, what: str = "lam") -> float:
    """A smoothing weight must lie in (0, 1]; 0 would ignore every new point."""
    if isinstance(lam, bool) or not isinstance(lam, int | float) or not 0 < lam <= 1:
        raise ValueError(f"{what} must lie in (0, 1], got {lam!r}")
    return float(lam)
