"""Demo data of customer evaluations: a collection point for each Lakeside contact
point at each hotel, set up two months ago, and the evaluations guests have sent
since (in bulk, a day at a time, at the times they were sent)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.seals import seal_pending

from .models import QuestionType
from .services.collection import collection_point_create, evaluations_import
from .snapshot import control_plans

DAYS = 60
COMMENTS = (
    ("", ""),
    ("Quick and friendly.", "又快又热情。"),
    ("Had to wait a while.", "等了一会儿。"),
)


@seeder(order=330)
def evaluations(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    lakeside = organizations["lakeside"]
    pick = random.Random(11)  # the same demo every time
    points = []
    with clock.seeding_at(days_ago(DAYS + 1, 9)):
        plans = control_plans(lakeside)
        for key in sorted(plans):
            plan = plans[key]
            points.append(
                collection_point_create(
                    actor=users["quality"],
                    organization=lakeside,
                    site=plan.site,
                    contact_point=plan.point,
                )
            )
    for point in points:
        ratings = [
            q.pk
            for q in point.instrument.current_version.questions.all()
            if q.type == QuestionType.RATING
        ]
        mood = pick.uniform(3.6, 4.6)  # some points please guests more than others
        for ago in range(DAYS, 0, -2):
            rows = []
            for n in range(pick.randint(0, 3)):
                sent = days_ago(ago, pick.randint(8, 21), pick.randint(0, 59))
                english, chinese = pick.choice(COMMENTS)
                language = pick.choice(("zh-hans", "zh-hans", "en"))
                rows.append(
                    {
                        "submission_id": f"demo-{point.pk}-{ago}-{n}",
                        "submitted_at": sent,
                        "language": language,
                        "comment": chinese if language == "zh-hans" else english,
                        "answers": {
                            str(q): max(1, min(5, round(pick.gauss(mood, 0.9))))
                            for q in pick.sample(ratings, min(3, len(ratings)))
                        },
                    }
                )
            if rows:
                with clock.seeding_at(days_ago(ago, 22) - timedelta(minutes=1)):
                    evaluations_import(point=point, rows=rows, channel="qr")
    # Chained into the audit trail as the worker would have (ADR 0030).
    seal_pending(organization_id=lakeside.pk)
