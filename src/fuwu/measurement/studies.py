"""Results of design studies (ADR 0029), read from the answers joined to their
question's pair, whatever the version: Kano categories and Berger's coefficients
per attribute (fuwu.analytics.kano), SERVQUAL gaps per item and dimension
(fuwu.analytics.servqual)."""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from fuwu.analytics import kano, servqual

from .models import KANO_ANSWERS, Answer, Dimension, Instrument, InstrumentKind, PairRole, Question


def kano_label(category: str) -> str:
    return {
        "A": _("Attractive"),
        "O": _("One-dimensional"),
        "M": _("Must-be"),
        "I": _("Indifferent"),
        "R": _("Reverse"),
        "Q": _("Questionable"),
    }.get(category, category)


@dataclass
class KanoRow:
    number: int
    key: str
    label: str
    counts: dict[str, int]
    respondents: int
    category: str | None
    better: float | None
    worse: float | None

    @property
    def category_label(self) -> str:
        return kano_label(self.category) if self.category else ""


@dataclass
class ServqualRow:
    number: int
    key: str
    label: str
    dimension: str
    expectation: float
    perception: float
    gap: float
    respondents: int

    @property
    def dimension_label(self) -> str:
        return str(Dimension(self.dimension).label) if self.dimension in Dimension.values else ""


@dataclass
class Results:
    kind: str
    respondents: int
    kano: list[KanoRow] = field(default_factory=list)
    servqual: list[ServqualRow] = field(default_factory=list)
    dimensions: dict[str, float] = field(default_factory=dict)
    overall: float | None = None

    def chart(self) -> dict[str, Any]:
        """What the chart script reads (measurement/static/measurement/studies.js)."""
        if self.kind == InstrumentKind.KANO:
            return {
                "kind": "kano",
                "points": [
                    [
                        round(r.better, 3),
                        round(r.worse, 3),
                        r.number,
                        r.label,
                        r.category_label,
                        r.category,
                    ]
                    for r in self.kano
                    if r.better is not None
                ],
                "names": {"better": _("Better"), "worse": _("Worse")},
            }
        return {
            "kind": "servqual",
            "labels": [str(r.number) for r in self.servqual],
            "titles": [r.label for r in self.servqual],
            "gaps": [round(r.gap, 2) for r in self.servqual],
            "names": {"gap": _("Gap (perception - expectation)")},
        }


def _labels(instrument: Instrument, role: str) -> dict[str, str]:
    """The text of each pair in the reader's language: its question of `role` in
    the latest version that asked it."""
    labels: dict[str, str] = {}
    questions = Question.objects.filter(version__instrument=instrument, role=role).order_by(
        "version__number", "order", "pk"
    )
    for question in questions:
        labels[question.pair_key] = str(question.text)
    return labels


def _order(instrument: Instrument) -> list[str]:
    """Pair keys in the order the current version asks them, then any older ones."""
    keys: list[str] = []
    rows = Question.objects.filter(version__instrument=instrument).exclude(pair_key="")
    for key in rows.order_by("-version__number", "order", "pk").values_list("pair_key", flat=True):
        if key not in keys:
            keys.append(key)
    return keys


def study_results(instrument: Instrument, answers: Any) -> Results:
    """The results of a study from `answers` (already scoped to the reader)."""
    rows = (
        # By the evaluation's version first: its index narrows the rows the view unfolds.
        answers.filter(
            evaluation__instrument_version__instrument=instrument,
            question__version__instrument=instrument,
        )
        .exclude(question__pair_key="")
        .exclude(value=None)
        .values_list(
            "evaluation_id", "question__pair_key", "question__role", "question__dimension", "value"
        )
    )
    by_pair: dict[str, dict[int, dict[str, Any]]] = defaultdict(lambda: defaultdict(dict))
    dimension_of: dict[str, str] = {}
    respondents: set[int] = set()
    for evaluation, key, role, dimension, value in rows:
        by_pair[key][evaluation][role] = value
        respondents.add(evaluation)
        if dimension:
            dimension_of[key] = dimension
    results = Results(kind=instrument.kind, respondents=len(respondents))
    keys = [k for k in _order(instrument) if k in by_pair]
    if instrument.kind == InstrumentKind.KANO:
        labels = _labels(instrument, PairRole.FUNCTIONAL)
        for number, key in enumerate(keys, 1):
            counts = dict.fromkeys(kano.CATEGORIES, 0)
            for pair in by_pair[key].values():
                functional, dysfunctional = pair.get("functional"), pair.get("dysfunctional")
                if functional is None or dysfunctional is None:
                    continue  # half a pair says nothing of the attribute
                category = kano.classify(KANO_ANSWERS[functional], KANO_ANSWERS[dysfunctional])
                counts[category] += 1
            total = sum(counts.values())
            better = worse = None
            if total:
                with suppress(ValueError):  # only reverse or questionable answers
                    better, worse = kano.coefficients(counts)
            results.kano.append(
                KanoRow(
                    number=number,
                    key=key,
                    label=labels.get(key, key),
                    counts=counts,
                    respondents=total,
                    category=kano.category(counts) if total else None,
                    better=better,
                    worse=worse,
                )
            )
        return results
    if instrument.kind == InstrumentKind.SERVQUAL:
        labels = _labels(instrument, PairRole.PERCEPTION)
        perceptions: dict[str, dict[str, list[int]]] = defaultdict(dict)
        expectations: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for key in keys:
            pairs = by_pair[key].values()
            perceived = [p["perception"] for p in pairs if "perception" in p]
            expected = [p["expectation"] for p in pairs if "expectation" in p]
            if not perceived or not expected or key not in dimension_of:
                continue
            perceptions[dimension_of[key]][key] = perceived
            expectations[dimension_of[key]][key] = expected
        if not perceptions:
            return results
        gaps = servqual.gaps(perceptions, expectations)
        number = 0
        for key in keys:
            dimension = dimension_of.get(key)
            if dimension not in gaps.items or key not in gaps.items[dimension]:
                continue
            number += 1
            perceived, expected = perceptions[dimension][key], expectations[dimension][key]
            results.servqual.append(
                ServqualRow(
                    number=number,
                    key=key,
                    label=labels.get(key, key),
                    dimension=dimension,
                    expectation=sum(expected) / len(expected),
                    perception=sum(perceived) / len(perceived),
                    gap=gaps.items[dimension][key],
                    respondents=len(by_pair[key]),
                )
            )
        results.dimensions = {
            d: gaps.dimensions[d] for d in Dimension.values if d in gaps.dimensions
        }
        results.overall = gaps.overall
    return results


def results_for(instrument: Instrument, user: Any) -> Results:
    return study_results(
        instrument, Answer.objects.for_user(user, organization=instrument.organization)
    )
