"""Calendar arithmetic for review cycles and retention periods, and days as text."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from django.utils import timezone

# The first day a period may start on: Fuwu keeps no record older, and a day near
# year 1 cannot become a moment in every time zone (the conversion overflows).
EARLIEST_DAY = date(1900, 1, 1)


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` (negative: back), clamped to the month's last day:
    31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def local_day(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def start_of(day: date) -> datetime:
    """Midnight at the start of `day`, in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_text(moment: datetime | None, empty: str = "") -> str:
    """A moment as its local day, 2026-03-01, for reports and the manual; `empty`
    when there is none."""
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else empty
