"""Kano evaluation table and Berger's coefficients."""

import pytest

from fuwu.analytics import kano

# The evaluation table as published (Kano et al. 1984; Berger et al. 1993, Table 1).
PUBLISHED = {
    "like": "QAAAO",
    "must-be": "RIIIM",
    "neutral": "RIIIM",
    "live-with": "RIIIM",
    "dislike": "RRRRQ",
}


def test_classify_reproduces_the_whole_evaluation_table():
    """Every one of the 25 cells of the Kano evaluation table (Berger et al. 1993, Table 1)."""
    for functional, row in PUBLISHED.items():
        for dysfunctional, expected in zip(kano.ANSWERS, row, strict=True):
            assert kano.classify(functional, dysfunctional) == expected, (functional, dysfunctional)


def test_classify_rejects_unknown_answers():
    with pytest.raises(ValueError, match="functional answer"):
        kano.classify("love", "dislike")
    with pytest.raises(ValueError, match="dysfunctional answer"):
        kano.classify("like", "hate")


def test_berger_coefficients():
    """Berger et al. (1993): better = (A+O)/(A+O+M+I), worse = -(O+M)/(A+O+M+I).

    Worked by hand: A 10, O 20, M 5, I 15 (R 3 and Q 2 left out), base 50 →
    better 30/50 = 0.6, worse -25/50 = -0.5.
    """
    better, worse = kano.coefficients({"A": 10, "O": 20, "M": 5, "I": 15, "R": 3, "Q": 2})
    assert better == pytest.approx(0.6, abs=1e-4)
    assert worse == pytest.approx(-0.5, abs=1e-4)


def test_coefficients_bounds():
    """All attractive → (1, 0); all must-be → (0, -1)."""
    assert kano.coefficients({"A": 7}) == (1.0, 0.0)
    assert kano.coefficients({"M": 4}) == (0.0, -1.0)


def test_category_is_the_mode_with_the_tie_rule():
    """The most frequent category; ties go M > O > A > I (Matzler & Hinterhuber 1998)."""
    assert kano.category({"A": 3, "O": 9, "M": 2}) == "O"
    assert kano.category({"A": 5, "M": 5}) == "M"
    assert kano.category({"A": 5, "I": 5}) == "A"


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({}, "no answers"),
        ({"X": 1}, "unknown"),
        ({"A": -1}, "non-negative"),
        ({"R": 2, "Q": 1}, "undefined"),
    ],
)
def test_invalid_counts(counts, message):
    with pytest.raises(ValueError, match=message):
        kano.coefficients(counts)
