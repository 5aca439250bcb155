"""Record ids read from requests (paths, query strings, form fields), checked once.

`"²".isdigit()` is true yet `int("²")` fails, and an id past the database's 64-bit
range makes SQLite raise OverflowError on a foreign-key lookup: both were 500s.
Read every id a request carries with `parse_id`; FilterSets get the same bound
from `fuwu.core.filtersets.FilterSet`."""

from __future__ import annotations

import re
from typing import Any

# The largest id any Fuwu table can hold (a 64-bit signed integer, as BigAutoField).
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: Any) -> int | None:
    """The id that `value` spells (ASCII digits, 1..MAX_ID), or None for anything
    else: callers answer None with an empty result, a 404 or a 400 as fits."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None
