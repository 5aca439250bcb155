"""Kano model: classify answer pairs, pick the category, compute Berger's coefficients."""

from __future__ import annotations

from collections.abc import Mapping

ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")
CATEGORIES = ("A", "O", "M", "I", "R", "Q")

# The Kano evaluation table (Kano, Seraku, Takahashi & Tsuji 1984; as printed in Berger et
# al. 1993, Center for Quality Management Journal 2(4), Table 1): rows are the answer to the
# functional question, columns the answer to the dysfunctional one, both in ANSWERS order.
_TABLE: dict[str, tuple[str, ...]] = {
    "like": ("Q", "A", "A", "A", "O"),
    "must-be": ("R", "I", "I", "I", "M"),
    "neutral": ("R", "I", "I", "I", "M"),
    "live-with": ("R", "I", "I", "I", "M"),
    "dislike": ("R", "R", "R", "R", "Q"),
}

# Matzler & Hinterhuber (1998) "How to make product development projects more successful by
# integrating Kano's model", Technovation 18(1): on a tie, decide M > O > A > I, the
# category that hurts most if ignored first.
_TIE_ORDER = ("M", "O", "A", "I", "R", "Q")


def classify(functional: str, dysfunctional: str) -> str:
    """One respondent's category: A, O, M, I, R or Q.

    Method: the Kano evaluation table (Kano et al. 1984, "Attractive quality and must-be
    quality", Journal of the Japanese Society for Quality Control 14(2); Berger et al. 1993,
    Table 1). A attractive, O one-dimensional, M must-be, I indifferent, R reverse,
    Q questionable.
    """
    if functional not in _TABLE:
        raise ValueError(f"kano: functional answer {functional!r} is not one of {ANSWERS}")
    if dysfunctional not in _TABLE:
        raise ValueError(f"kano: dysfunctional answer {dysfunctional!r} is not one of {ANSWERS}")
    return _TABLE[functional][ANSWERS.index(dysfunctional)]


def _checked(counts: Mapping[str, int]) -> dict[str, int]:
    unknown = set(counts) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"kano: unknown categories {sorted(unknown)}; use {CATEGORIES}")
    out = {c: counts.get(c, 0) for c in CATEGORIES}
    for category, count in out.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"kano: count of {category} must be a non-negative integer")
    if sum(out.values()) == 0:
        raise ValueError("kano: no answers counted")
    return out


def category(counts: Mapping[str, int]) -> str:
    """The attribute's category: the most frequent one (the mode).

    Method: Berger et al. 1993 (frequency-based evaluation); ties broken M > O > A > I
    (Matzler & Hinterhuber 1998).
    """
    checked = _checked(counts)
    top = max(checked.values())
    return next(c for c in _TIE_ORDER if checked[c] == top)


def coefficients(counts: Mapping[str, int]) -> tuple[float, float]:
    """Berger's customer-satisfaction coefficients (better, worse).

    Method: Berger, C. et al. (1993) "Kano's methods for understanding customer-defined
    quality", Center for Quality Management Journal 2(4): better = (A + O) / (A + O + M + I)
    in 0..1, worse = -(O + M) / (A + O + M + I) in -1..0. R and Q answers are left out.
    """
    c = _checked(counts)
    base = c["A"] + c["O"] + c["M"] + c["I"]
    if base == 0:
        raise ValueError(
            "kano: only reverse or questionable answers; the coefficients are undefined"
        )
    return (c["A"] + c["O"]) / base, -(c["O"] + c["M"]) / base
