# ruff: noqa: RUF001 - Chinese criteria use full-width symbols
"""Numeric criteria read from the text of a control specification."""

from decimal import Decimal

import pytest

from fuwu.measurement.criteria import parse


@pytest.mark.parametrize(
    ("text", "operator", "value", "unit"),
    [
        ("≤ 3 min", "<=", "3", "min"),
        ("at least 95%", ">=", "95", "%"),
        ("≤ 5 分钟", "<=", "5", "分钟"),
        ("average ≥ 4.5 of 5", ">=", "4.5", ""),
        ("≥ 98 % of rooms pass", ">=", "98", "%"),
        ("5 分钟以内", "<=", "5", "分钟"),
        ("不超过 10 秒", "<=", "10", "秒"),
        ("至少 95％", ">=", "95", "%"),
        ("no more than 2 complaints", "<=", "2", "complaints"),
    ],
)
def test_numeric_criteria_are_read(text, operator, value, unit):
    bound = parse(text)
    assert bound is not None
    assert (bound.operator, bound.value, bound.unit) == (operator, Decimal(value), unit)


@pytest.mark.parametrize("text", ["", "Clean and dry", "Greeted by name", "overall friendly"])
def test_other_criteria_are_judged_by_the_inspector(text):
    assert parse(text) is None


def test_a_value_is_checked_against_the_bound():
    bound = parse("≤ 5 分钟")
    assert bound.met_by(Decimal("4.5")) and bound.met_by(Decimal(5))
    assert not bound.met_by(Decimal("5.1"))
    assert parse("at least 95%").met_by(Decimal(96))
