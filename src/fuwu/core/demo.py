"""Demo data: core seeds the organizations, sites and users; other apps add theirs
by registering a seeder here (found by autodiscovery of `demo` modules)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.utils.functional import Promise

from . import clock

# How far back the demo's history reaches: the organizations are set up then.
DAYS_OF_HISTORY = 460


class Seeder(NamedTuple):
    order: int
    label: Promise  # what it seeds, as `fuwu demo` prints it: "inspection rounds"
    fn: Callable[..., None]


SEEDERS: list[Seeder] = []


def seeder(*, order: int = 100, label: Promise) -> Callable:
    """Register `fn(*, organizations: dict[str, Organization], users: dict[str, User])`,
    run in `order`; `label` (gettext_lazy) names what it seeds in the progress lines."""
    if not isinstance(label, Promise):
        raise TypeError("A demo seeder's label is a gettext_lazy text.")

    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        # Two steps at one order would run in import order, which nothing promises.
        taken = [s for s in SEEDERS if s.order == order and s.fn.__qualname__ != fn.__qualname__]
        if taken:
            raise ValueError(f"Demo seeder order {order} is taken by {taken[0].fn.__module__}.")
        SEEDERS.append(Seeder(order, label, fn))
        return fn

    return wrap


def days_ago(days: int, hour: int = 12, minute: int = 0) -> datetime:
    """A time of the demo's history, counted back from today (seeders stamp with it)."""
    return clock.on(clock.real_today() - timedelta(days=days), hour, minute)


def history_began() -> datetime:
    return days_ago(DAYS_OF_HISTORY, 9)


def at_day(day: date, hour: int = 12) -> datetime:
    return clock.on(day, hour)
