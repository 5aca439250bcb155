"""Demo data of a design study: Lakeside asks its guests at the West Lake hotel
(HZ01) what they would make of six attributes of the evening boat trips it plans
from its pier (a Kano study, the textbook use: a service not yet offered). Guests
answered over the last four weeks; the answers lean to a plausible category per
attribute, with the noise real answers have."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .models import KANO_ANSWERS, InstrumentKind
from .services.collection import collection_point_create, evaluations_import
from .services.studies import study_create

# (English, Chinese, the category the answers lean to)
ATTRIBUTES = (
    ("Departure on time", "准时开船", "M"),
    ("Life jackets for children", "儿童救生衣", "M"),
    ("Commentary in Chinese and English", "中英文讲解", "O"),
    ("Hot tea on board", "船上热茶", "A"),
    ("Blankets on cool evenings", "凉夜提供毛毯", "A"),
    ("Background music", "背景音乐", "I"),
)
# Answer pairs (functional, dysfunctional) that the Kano table reads as each category.
PAIRS = {
    "M": [("must-be", "dislike"), ("neutral", "dislike"), ("live-with", "dislike")],
    "O": [("like", "dislike")],
    "A": [("like", "neutral"), ("like", "live-with"), ("like", "must-be")],
    "I": [("neutral", "neutral"), ("live-with", "neutral"), ("neutral", "live-with")],
}
RESPONDENTS = 64
DAYS = 28


@seeder(order=335, label=_("Kano study of the boat trips"))
def kano_study(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    lakeside = organizations["lakeside"]
    site = Site.objects.get(organization=lakeside, code="HZ01")
    pier = ContactPoint.objects.get(organization=lakeside, code="HZ01-PIER")
    pick = random.Random(29)  # the same demo every time
    with clock.seeding_at(days_ago(DAYS + 2, 10)):
        study = study_create(
            actor=users["quality"],
            organization=lakeside,
            kind=InstrumentKind.KANO,
            name_en="Evening boat trips: what would you like?",
            name_zh="夜游西湖：您希望有哪些服务？",  # noqa: RUF001
            items=[{"name_en": en, "name_zh": zh} for en, zh, _ in ATTRIBUTES],
            contact_points=[pier],
        )
        point = collection_point_create(
            actor=users["quality"],
            organization=lakeside,
            site=site,
            contact_point=pier,
            instrument=study,
        )
    questions = {(q.pair_key, q.role): str(q.pk) for q in study.current_version.questions.all()}
    keys = [q.pair_key for q in study.current_version.questions.all() if q.role == "functional"]
    by_day: dict[int, list[dict[str, Any]]] = {}
    for n in range(RESPONDENTS):
        ago = pick.randint(1, DAYS)
        answers = {}
        for key, (_en, _zh, leaning) in zip(keys, ATTRIBUTES, strict=True):
            category = leaning if pick.random() < 0.6 else pick.choice("MOAI")
            functional, dysfunctional = pick.choice(PAIRS[category])
            answers[questions[(key, "functional")]] = KANO_ANSWERS.index(functional)
            answers[questions[(key, "dysfunctional")]] = KANO_ANSWERS.index(dysfunctional)
        by_day.setdefault(ago, []).append(
            {
                "submission_id": f"demo-kano-{n:03d}",
                "submitted_at": days_ago(ago, pick.randint(17, 21), pick.randint(0, 59)),
                "language": pick.choice(("zh-hans", "zh-hans", "en")),
                "answers": answers,
            }
        )
    for ago in sorted(by_day, reverse=True):  # a day at a time, as they were sent
        with clock.seeding_at(days_ago(ago, 22) - timedelta(minutes=1)):
            evaluations_import(point=point, rows=by_day[ago], channel="qr")
