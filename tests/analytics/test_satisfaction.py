"""Satisfaction measures against their published definitions, worked by hand."""

import pytest

from fuwu.analytics import satisfaction


def test_nps_worked_example():
    """Reichheld (2003): % promoters (9-10) - % detractors (0-6).

    Worked by hand: 10 answers, 5 promoters (9, 9, 10, 10, 9), 3 passives (7, 8, 8),
    2 detractors (6, 0) → 50 % - 20 % = 30.
    """
    assert satisfaction.nps([9, 9, 10, 10, 9, 7, 8, 8, 6, 0]) == pytest.approx(30.0)


def test_nps_bounds():
    """All promoters → 100, all detractors → -100, all passives → 0."""
    assert satisfaction.nps([9, 10, 10]) == 100.0
    assert satisfaction.nps([0, 3, 6]) == -100.0
    assert satisfaction.nps([7, 8]) == 0.0


def test_csat_top_two_box():
    """Hayes (2008) top-two-box: 3 of 5 ratings are 4 or 5 on a 5-point scale → 60 %."""
    assert satisfaction.csat([5, 4, 4, 3, 1]) == pytest.approx(60.0)
    assert satisfaction.csat([7, 6, 5, 1], scale=7) == pytest.approx(50.0)


def test_ces_is_the_mean_effort():
    """Dixon, Freeman & Toman (2010): CES is the mean of 1-7 effort answers."""
    assert satisfaction.ces([1, 2, 3, 7]) == pytest.approx(3.25)


def test_index_acsi_rescaling():
    """Fornell et al. (1996) rescaling, worked by hand.

    Cleanliness mean 4.5 → 87.5; speed mean 3.0 → 50.0; weights 3 : 1 →
    (3 * 87.5 + 50) / 4 = 78.125.
    """
    result = satisfaction.index(
        {"cleanliness": [4, 5], "speed": [3, 3]}, {"cleanliness": 3, "speed": 1}
    )
    assert result == pytest.approx(78.125)


def test_index_constant_extremes():
    """All ratings at the top of the scale → 100; all at the bottom → 0."""
    assert satisfaction.index({"a": [5, 5]}, {"a": 1}) == 100.0
    assert satisfaction.index({"a": [1, 1]}, {"a": 1}) == 0.0


def test_peak_end():
    """Kahneman et al. (1993): (peak + end) / 2; the peak is the most intense moment.

    Journey 4, 1, 4, 5 on a 5-point scale: 1 and 5 are both 2 from the midpoint 3, the later
    (5) counts; end 5 → 5.0. Journey 4, 1, 3, 4: peak 1, end 4 → 2.5.
    """
    assert satisfaction.peak_end([4, 1, 4, 5]) == pytest.approx(5.0)
    assert satisfaction.peak_end([4, 1, 3, 4]) == pytest.approx(2.5)


def test_ewma_recency_weighted():
    """Roberts (1959) recursion from the first rating, λ = 0.5, worked by hand.

    z1 = 2; z2 = 0.5·4 + 0.5·2 = 3; z3 = 0.5·5 + 0.5·3 = 4.
    """
    assert satisfaction.ewma([2, 4, 5], 0.5) == pytest.approx(4.0)
    assert satisfaction.ewma([3, 3, 3], 0.2) == pytest.approx(3.0)
    assert satisfaction.ewma([1, 5], 1) == 5.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: satisfaction.nps([]), "no values"),
        (lambda: satisfaction.nps([11]), "outside"),
        (lambda: satisfaction.csat([6]), "outside"),
        (lambda: satisfaction.csat([1], scale=2), "at least 3"),
        (lambda: satisfaction.ces(["x"]), "not a number"),
        (lambda: satisfaction.ces([float("nan")]), "finite"),
        (lambda: satisfaction.index({}, {}), "no indicators"),
        (lambda: satisfaction.index({"a": [3]}, {"b": 1}), "exactly"),
        (lambda: satisfaction.index({"a": [3]}, {"a": 0}), "zero"),
        (lambda: satisfaction.ewma([3], 0), "lam"),
        (lambda: satisfaction.ewma([3], 1.5), "lam"),
        (lambda: satisfaction.peak_end([]), "no values"),
    ],
)
def test_invalid_input_is_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
