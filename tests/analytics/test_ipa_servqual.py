"""IPA (Martilla & James 1977) and SERVQUAL (Parasuraman et al. 1988, 1991), by hand."""

import pytest

from fuwu.analytics import ipa, servqual

ITEMS = {
    "check-in speed": (4.6, 3.1),
    "room cleanliness": (4.8, 4.5),
    "minibar": (2.2, 2.5),
    "lobby music": (2.4, 4.3),
}


def test_ipa_mean_crosshair():
    """Martilla & James (1977) grid, crosshair at the means, computed by hand.

    Mean importance (4.6 + 4.8 + 2.2 + 2.4) / 4 = 3.5; mean performance
    (3.1 + 4.5 + 2.5 + 4.3) / 4 = 3.6.
    """
    result = ipa.quadrants(ITEMS)
    assert result.importance == pytest.approx(3.5)
    assert result.performance == pytest.approx(3.6)
    assert result.items == {
        "check-in speed": ipa.CONCENTRATE_HERE,
        "room cleanliness": ipa.KEEP_UP_THE_GOOD_WORK,
        "minibar": ipa.LOW_PRIORITY,
        "lobby music": ipa.POSSIBLE_OVERKILL,
    }


def test_ipa_midpoint_crosshair():
    """Scale midpoint of 1..5 is 3; check-in speed (3.1) now counts as performing well."""
    result = ipa.quadrants(ITEMS, crosshair="midpoint")
    assert (result.importance, result.performance) == (3.0, 3.0)
    assert result.items["check-in speed"] == ipa.KEEP_UP_THE_GOOD_WORK


def test_ipa_invalid():
    with pytest.raises(ValueError, match="no items"):
        ipa.quadrants({})
    with pytest.raises(ValueError, match="crosshair"):
        ipa.quadrants(ITEMS, crosshair="median")
    with pytest.raises(ValueError, match="importance, performance"):
        ipa.quadrants({"a": (1, 2, 3)})


P = {"reliability": {"on time": [5, 4], "as promised": 4.0}, "empathy": {"attention": 6.0}}
E = {"reliability": {"on time": 6.0, "as promised": 6.0}, "empathy": {"attention": 5.0}}


def test_servqual_gaps_by_hand():
    """Parasuraman et al. (1988) gaps P - E, computed by hand.

    Reliability: on time 4.5 - 6 = -1.5, as promised 4 - 6 = -2 -> mean -1.75;
    empathy: 6 - 5 = 1; unweighted score (-1.75 + 1) / 2 = -0.375.
    """
    result = servqual.gaps(P, E)
    assert result.items["reliability"] == pytest.approx({"on time": -1.5, "as promised": -2.0})
    assert result.dimensions == pytest.approx({"reliability": -1.75, "empathy": 1.0})
    assert result.overall == pytest.approx(-0.375)


def test_servqual_weighted_by_hand():
    """Parasuraman, Berry & Zeithaml (1991): 100 points, 80 reliability and 20 empathy.

    (80 * -1.75 + 20 * 1) / 100 = -1.2.
    """
    result = servqual.gaps(P, E)
    weights = {"reliability": 80, "empathy": 20}
    assert servqual.weighted(result, weights) == pytest.approx(-1.2)
    assert servqual.weighted(result.dimensions, weights) == pytest.approx(-1.2)


def test_servqual_perceptions_equal_expectations():
    """Met expectations everywhere: every gap is zero."""
    assert servqual.gaps(E, E).overall == 0.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: servqual.gaps({}, {}), "no dimensions"),
        (lambda: servqual.gaps(P, {"empathy": {}}), "same dimensions"),
        (lambda: servqual.gaps({"x": {"a": 1.0}}, {"x": {"b": 1.0}}), "different items"),
        (lambda: servqual.gaps({"x": {}}, {"x": {}}), "no items"),
        (lambda: servqual.gaps({"x": {"a": []}}, {"x": {"a": 1.0}}), "no values"),
        (lambda: servqual.weighted({"x": 1.0}, {"y": 1}), "exactly"),
        (lambda: servqual.weighted({"x": 1.0}, {"x": 0}), "zero"),
        (lambda: servqual.weighted({"x": 1.0}, {"x": -1}), "negative"),
    ],
)
def test_servqual_invalid(call, message):
    with pytest.raises(ValueError, match=message):
        call()
