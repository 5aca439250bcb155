"""Helpers for the customer's-voice tests: collection points and evaluations fed
through the import service (with the times they claim)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from fuwu.measurement import services
from fuwu.measurement.models import CollectionPoint, QuestionType
from fuwu.measurement.services.collection import evaluations_import

_ids = itertools.count(1)


def collection(world: Any, point: Any, site: Any = None) -> CollectionPoint:
    cache.clear()
    return services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=site or world.sites[0],
        contact_point=point,
    )


def ratings(cp: CollectionPoint) -> list[Any]:
    return [
        q for q in cp.instrument.current_version.questions.all() if q.type == QuestionType.RATING
    ]


def feed(
    cp: CollectionPoint,
    count: int,
    *,
    days_ago: float = 1,
    rating: int | list[int] = 4,
    comment: str = "",
    language: str = "en",
    visit_id: str = "",
) -> int:
    """`count` evaluations `days_ago` days back, each rating every rating question
    `rating` (or the list's values in turn)."""
    questions = ratings(cp)
    when = timezone.now() - timedelta(days=days_ago)
    rows = []
    for i in range(count):
        value = rating[i % len(rating)] if isinstance(rating, list) else rating
        rows.append(
            {
                "submission_id": f"t{next(_ids):08d}",
                "submitted_at": when + timedelta(seconds=i),
                "language": language,
                "answers": {str(q.pk): value for q in questions},
                "comment": comment,
                "visit_id": visit_id,
            }
        )
    return evaluations_import(point=cp, rows=rows)
