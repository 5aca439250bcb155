# ruff: noqa: RUF001 - criteria are written with full-width symbols in Chinese
"""Numeric criteria of inspection items, read from the text people wrote.

A control specification's criterion is free text ("≤ 3 min", "at least 95%",
"≤ 5 分钟", "average ≥ 4.5 of 5"). Where it states one bound on a number, a
measured value can be checked against it; where it does not, the inspector
judges pass or fail. Pure Python: no Django, so it is cheap to test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Words and symbols for each comparison, longest first so "at least" wins over "at".
_OPERATORS: tuple[tuple[str, str], ...] = (
    ("no more than", "<="),
    ("not more than", "<="),
    ("no less than", ">="),
    ("not less than", ">="),
    ("at least", ">="),
    ("at most", "<="),
    ("minimum", ">="),
    ("maximum", "<="),
    ("within", "<="),
    ("under", "<"),
    ("below", "<"),
    ("above", ">"),
    ("over", ">"),
    ("min", ">="),
    ("max", "<="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不多于", "<="),
    ("不少于", ">="),
    ("不低于", ">="),
    ("至少", ">="),
    ("最多", "<="),
    ("以内", "<="),
    ("小于等于", "<="),
    ("大于等于", ">="),
    ("<=", "<="),
    (">=", ">="),
    ("≤", "<="),
    ("≥", ">="),
    ("≦", "<="),
    ("≧", ">="),
    ("＜", "<"),
    ("＞", ">"),
    ("<", "<"),
    (">", ">"),
    ("=", "="),
)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_NOT_UNITS = {"of", "per", "in", "and", "or", "out", "the"}
_UNIT = r"\s*(%|％|[a-zA-Z\u4e00-\u9fff]+)?"


@dataclass(frozen=True)
class Criterion:
    operator: str  # one of <=, >=, <, >, =
    value: Decimal
    unit: str = ""

    def met_by(self, measured: Decimal) -> bool:
        return {
            "<=": measured <= self.value,
            ">=": measured >= self.value,
            "<": measured < self.value,
            ">": measured > self.value,
            "=": measured == self.value,
        }[self.operator]

    def __str__(self) -> str:
        symbol = {"<=": "≤", ">=": "≥"}.get(self.operator, self.operator)
        return f"{symbol} {self.value}{(' ' + self.unit) if self.unit else ''}".strip()


def parse(text: str) -> Criterion | None:
    """The bound a criterion states, or None when it states no single numeric bound."""
    if not text:
        return None
    lowered = text.strip().lower()
    for word, operator in _OPERATORS:
        at = lowered.find(word)
        if at < 0:
            continue
        after = lowered[at + len(word) :]
        match = re.match(r"\s*" + _NUMBER + _UNIT, after)
        if match is None and word in ("以内",):
            # "5 分钟以内": the number comes before the word.
            match = re.search(_NUMBER + _UNIT + r"\s*$", lowered[:at])
        if match is None:
            continue
        try:
            value = Decimal(match.group(1).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
            return None
        unit = (match.group(2) or "").replace("％", "%")
        return Criterion(operator, value, "" if unit in _NOT_UNITS else unit)
    return None
