"""The time Fuwu writes down, and a way to write down another one while seeding.

The demo tells a history of a year and more; its records, versions and audit entries
must carry the times that history claims, not the second the seeder ran (that reads as
back-dating). `seeding_at()` makes `django.utils.timezone.now` — and through it every
`auto_now` field, every service and the audit writer — answer a given time, for the
current context only (other threads and requests keep the real clock).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time

from django.utils import timezone

_real_now = timezone.now
_claimed: ContextVar[datetime | None] = ContextVar("fuwu_claimed_now", default=None)


def now() -> datetime:
    """The claimed time while seeding, else the real one."""
    return _claimed.get() or _real_now()


def real_now() -> datetime:
    return _real_now()


def real_today() -> date:
    return timezone.localdate(_real_now())


def on(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A time of day on `day`, in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@contextmanager
def seeding_at(when: datetime) -> Iterator[None]:
    """Within the block, `timezone.now()` answers `when` (never a time still to come)."""
    token = _claimed.set(min(when, _real_now()))
    timezone.now = now  # reads the context variable: other contexts see the real clock
    try:
        yield
    finally:
        _claimed.reset(token)
