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
from .services.call_backs import call_back_done, call_back_erase
from .services.collection import collection_point_create, evaluation_submit, evaluations_import
from .services.evaluations import instrument_update
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
        # Guests at arrival may ask to be called back (with consent, ADR 0029).
        for instrument in {p.instrument for p in points if p.contact_point.code == "ARRIVAL"}:
            instrument_update(
                actor=users["quality"], instrument=instrument, data={"offer_call_back": True}
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

    call_backs(points, users)
    # Chained into the audit trail as the worker would have (ADR 0030).
    seal_pending(organization_id=lakeside.pk)


# Two guests at arrival asked to be called back, with consent: one was called and
# their number erased, one is still to call (ADR 0029).
CALL_BACKS = (
    (5, "zh-hans", "13800138000", "等了二十分钟才办好入住。", True),
    (1, "en", "guest@example.com", "Nobody at the desk when we arrived late.", False),
)


def call_backs(points: list[Any], users: dict[str, Any]) -> None:
    arrivals = [p for p in points if p.contact_point.code == "ARRIVAL"]
    for point, (ago, language, contact, comment, called) in zip(arrivals, CALL_BACKS, strict=False):
        point.instrument.refresh_from_db()  # the call-back offer was switched on above
        version = point.instrument.current_version
        rating = next(q for q in version.questions.all() if q.type == QuestionType.RATING)
        with clock.seeding_at(days_ago(ago, 20, 15)):
            evaluation, _created = evaluation_submit(
                point=point,
                submission_id=f"demo-call-back-{point.pk}",
                answers={str(rating.pk): 2},
                language=language,
                comment=comment,
                call_back={"consent": True, "contact": contact},
            )
        if called:
            request = evaluation.call_back
            with clock.seeding_at(days_ago(ago - 1, 10, 5)):
                call_back_done(actor=users["quality"], request=request)
                call_back_erase(actor=users["quality"], request=request)
