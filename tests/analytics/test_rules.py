"""Western Electric (1956) and Nelson (1984) run rules, each on a series built to trip it."""

import pytest

from fuwu.analytics.spc import nelson, western_electric


def hits(signals, rule):
    return [s.index for s in signals if s.rule == rule]


def test_western_electric_rules():
    """Western Electric Statistical Quality Control Handbook (1956), the four zone rules."""
    assert hits(western_electric([0, 0, 3.5], 0, 1), 1) == [2]
    assert hits(western_electric([2.5, 0, 2.5], 0, 1), 2) == [2]
    assert hits(western_electric([-2.5, 0, 2.5], 0, 1), 2) == []  # opposite sides
    assert hits(western_electric([1.5, 1.5, 0, 1.5, 1.5], 0, 1), 3) == [4]
    assert hits(western_electric([0.5] * 8, 0, 1), 4) == [7]
    assert hits(western_electric([0.5] * 7, 0, 1), 4) == []


def test_rules_scale_by_center_and_sigma():
    """The zones are center +/- k sigma: 80 + 3.5 * 4 = 94 is beyond 3 sigma."""
    signals = western_electric([80, 80, 94], 80, 4)
    assert [(s.index, s.rule, s.rules) for s in signals] == [(2, 1, "western_electric")]


def test_nelson_rules():
    """Nelson (1984) JQT 16(4), tests 1-8."""
    assert hits(nelson([0, 0, -3.2], 0, 1), 1) == [2]
    assert hits(nelson([0.5] * 9, 0, 1), 2) == [8]
    assert hits(nelson([0.5] * 8, 0, 1), 2) == []
    assert hits(nelson([0, 0.1, 0.2, 0.3, 0.4, 0.5], 0, 1), 3) == [5]
    assert hits(nelson([0, 0.1, 0.2, 0.3, 0.4], 0, 1), 3) == []
    assert hits(nelson([0.5, -0.5] * 7, 0, 1), 4) == [13]
    assert hits(nelson([2.5, 0, 2.5], 0, 1), 5) == [2]
    assert hits(nelson([1.5, 1.5, 0, 1.5, 1.5], 0, 1), 6) == [4]
    assert hits(nelson([0.1, -0.1, 0.2] * 5, 0, 1), 7) == [14]
    assert hits(nelson([1.5, -1.5] * 4, 0, 1), 8) == [7]


def test_values_on_the_center_line_signal_nothing():
    assert western_electric([10.0] * 20, 10, 1) == []
    assert [s.rule for s in nelson([10.0] * 20, 10, 1)] == [7] * 6  # 15+ points within 1 sigma


@pytest.mark.parametrize("sigma", [0, -1, float("inf")])
def test_sigma_must_be_positive(sigma):
    with pytest.raises(ValueError, match="sigma"):
        nelson([1, 2], 0, sigma)


def test_empty_values():
    with pytest.raises(ValueError, match="no values"):
        western_electric([], 0, 1)
