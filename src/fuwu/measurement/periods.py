"""How often a round falls due, from the frequency on the inspection items.

Every service and every shift are inspected as a daily round: a round is a walk
through the contact point, not a check of each guest's service.
"""

from __future__ import annotations

from datetime import date, timedelta

DAYS = {"each_service": 1, "shift": 1, "daily": 1, "weekly": 7}
MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    # The 31st of a short month is its last day.
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def next_due(due: date, frequency: str) -> date:
    """The due date of the round after one due on `due`."""
    if frequency in DAYS:
        return due + timedelta(days=DAYS[frequency])
    if frequency in MONTHS:
        return add_months(due, MONTHS[frequency])
    raise ValueError(f"no schedule for frequency {frequency!r}")


def scheduled(frequency: str) -> bool:
    return frequency in DAYS or frequency in MONTHS


def latest_due_on_or_before(start: date, frequency: str, today: date) -> date:
    """The last due date of the series start, next_due(start), ... not after today."""
    due = start
    if frequency in DAYS:
        step = DAYS[frequency]
        return start + timedelta(days=((today - start).days // step) * step)
    while next_due(due, frequency) <= today:
        due = next_due(due, frequency)
    return due


def expected_count(start: date, end: date, frequency: str) -> int:
    """Rounds due in [start, end) of a series that began on `start`."""
    count, due = 0, start
    while due < end:
        count += 1
        due = next_due(due, frequency)
    return count
