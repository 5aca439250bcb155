"""Evaluation instruments: generated from the characteristic model of a contact
point, versioned on every edit, written only by the quality manager."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fuwu.core.models.audit import AuditEntry
from fuwu.design import services as design
from fuwu.design.models import Indicator
from fuwu.measurement import services
from fuwu.measurement.models import Question, QuestionType
from fuwu.measurement.services.evaluations import (
    MAX_PER_CHARACTERISTIC,
    MAX_QUESTIONS,
    MAX_RATINGS,
    point_characteristics,
    questions_of,
)

from .conftest import approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_point(world, point):
    """The front desk with an approved service specification naming etiquette and skills."""
    spec = design.specification_start(actor=world.users["quality"], point=point, kind="service")
    for category, english, chinese in (
        ("etiquette", "Greet every guest", "问候每位客人"),
        ("skills", "Check in within five minutes", "五分钟内办理入住"),
    ):
        design.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": category, "text_en": english, "text_zh": chinese},
        )
    approve(world, spec)
    return point


def generate(world, point, actor="quality"):
    return services.instrument_generate(
        actor=world.users[actor], organization=world.org, contact_point=point
    )


def test_generated_from_the_characteristics_the_approved_specifications_name(world, served_point):
    assert {c.key for c in point_characteristics(served_point)} == {"etiquette", "skills"}
    instrument = generate(world, served_point)
    questions = list(instrument.current_version.questions.all())
    ratings = [q for q in questions if q.type == QuestionType.RATING]
    # A few indicators of each named characteristic: the form stays short.
    expected = [
        indicator.pk
        for key in ("etiquette", "skills")
        for indicator in Indicator.objects.filter(
            organization=world.org, characteristic__key=key, is_active=True
        )[:MAX_PER_CHARACTERISTIC]
    ]
    assert sorted(q.indicator_id for q in ratings) == sorted(expected)
    assert {q.characteristic.key for q in ratings} == {"etiquette", "skills"}
    assert all(q.text_en and q.text_zh for q in ratings)
    follow_up = questions[-1]
    assert follow_up.after_low_rating and follow_up.type == QuestionType.TEXT
    assert (follow_up.text_en, follow_up.text_zh) == ("What went wrong?", "哪里做得不好？")  # noqa: RUF001
    assert instrument.name_zh.startswith("您对")
    assert list(instrument.contact_points.all()) == [served_point]


def test_without_an_approved_reference_a_short_default_form(world, point):
    instrument = generate(world, point)
    questions = list(instrument.current_version.questions.all())
    assert [(q.type, q.characteristic_id, q.after_low_rating) for q in questions] == [
        ("rating", None, False),
        ("nps", None, False),
        ("text", None, True),
    ]
    assert questions[0].text_zh == "总体而言，您满意吗？"  # noqa: RUF001
    assert all(q.text_en and q.text_zh for q in questions)


def test_a_point_naming_every_characteristic_still_gets_a_short_form(world, served_point):
    spec = design.specification_start(
        actor=world.users["quality"], point=served_point, kind="provision"
    )
    for key in ("personnel", "facilities", "supplies", "environment"):
        design.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": key, "text_en": f"About {key}", "text_zh": f"关于 {key}"},
        )
    approve(world, spec)
    assert len(point_characteristics(served_point)) > 4
    questions = list(generate(world, served_point).current_version.questions.all())
    ratings = [q for q in questions if q.type == QuestionType.RATING]
    assert len(ratings) == MAX_RATINGS and len(questions) == MAX_RATINGS + 1


def test_a_generated_form_never_asks_the_same_question_twice(world, served_point):
    """Facilities and supplies share "safe and reliable" (安全可靠) in the standard's
    model, and an organization may add an indicator its model already has: each rating
    names its characteristic, and a question already asked gives way to the next one."""
    spec = design.specification_start(
        actor=world.users["quality"], point=served_point, kind="provision"
    )
    for key in ("facilities", "supplies"):
        design.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": key, "text_en": f"About {key}", "text_zh": f"关于 {key}"},
        )
    approve(world, spec)
    facilities = Indicator.objects.get(
        organization=world.org, characteristic__key="facilities", name_en="safe and reliable"
    )
    twin = design.indicator_create(
        actor=world.users["quality"],
        organization=world.org,
        data={
            "characteristic": facilities.characteristic,
            "name_en": "Safe and reliable.",
            "name_zh": "安全 可靠",
            "order": 0,
        },
    )
    questions = list(generate(world, served_point).current_version.questions.all())
    ratings = [q for q in questions if q.type == QuestionType.RATING]
    for texts in ([q.text_en for q in questions], [q.text_zh for q in questions]):
        assert len({"".join(c for c in t.casefold() if c.isalnum()) for t in texts}) == len(texts)
    assert twin.pk in {q.indicator_id for q in ratings}
    assert facilities.pk not in {q.indicator_id for q in ratings}
    chinese = {q.text_zh for q in ratings}
    assert {"服务设施：安全 可靠", "服务用品：安全可靠"} <= chinese  # noqa: RUF001
    assert "Service supplies: safe and reliable" in {q.text_en for q in ratings}
    per = {}
    for q in ratings:
        per[q.characteristic.key] = per.get(q.characteristic.key, 0) + 1
    assert per["facilities"] == per["supplies"] == MAX_PER_CHARACTERISTIC


def test_an_edit_makes_a_new_version_and_keeps_the_old_questions(world, served_point):
    instrument = generate(world, served_point)
    first = instrument.current_version
    old_ids = set(first.questions.values_list("pk", flat=True))
    questions = [
        *questions_of(first)[:2],
        {
            "type": QuestionType.NPS,
            "required": True,
            "text_en": "Recommend us?",
            "text_zh": "推荐我们吗",
        },
    ]
    second = services.instrument_revise(
        actor=world.users["quality"], instrument=instrument, questions=questions
    )
    instrument.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert instrument.current_version == second
    assert set(first.questions.values_list("pk", flat=True)) == old_ids
    assert [q.type for q in second.questions.all()] == ["rating", "rating", "nps"]
    assert second.questions.last().scale == (0, 10)
    assert AuditEntry.objects.filter(object_type="measurement.question").count() == 2


def test_every_question_type_and_bad_ones(world, served_point):
    instrument = generate(world, served_point)
    good = [
        {"type": t, "text_en": t, "options_en": "A\nB" if t == "choice" else ""}
        for t in QuestionType.values
        if t != QuestionType.KANO  # a study's (test_studies.py)
    ]
    version = services.instrument_revise(
        actor=world.users["quality"], instrument=instrument, questions=good
    )
    assert version.questions.count() == len(QuestionType.values) - 1
    before = Question.objects.count()
    for bad in (
        [],
        [{"type": "stars", "text_en": "?"}],
        [{"type": "rating", "text_en": " "}],
        [{"type": "choice", "text_en": "Which?"}],
        [{"type": "rating", "text_en": "?", "colour": "red"}],
    ):
        with pytest.raises(ValidationError):
            services.instrument_revise(
                actor=world.users["quality"], instrument=instrument, questions=bad
            )
    assert Question.objects.count() == before


def test_only_the_quality_manager_writes_and_only_its_own_points(world, served_point):
    for actor in ("manager", "auditor", "staff", "outsider"):
        with pytest.raises(PermissionDenied):
            generate(world, served_point, actor=actor)
    other = design.contact_point_create(
        actor=world.users["outsider"],
        organization=world.other_org,
        data={"code": "OT", "name_en": "Till", "stage": "during", "channel": "in_person"},
    )
    with pytest.raises(ValidationError):
        generate(world, other)


def test_shared_instrument_and_update(world, served_point):
    instrument = services.instrument_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"name_en": "Shared", "name_zh": "共用", "contact_points": [served_point]},
        questions=[{"type": "yes_no", "text_en": "Would you come back?", "text_zh": "还会再来吗"}],
    )
    services.instrument_update(
        actor=world.users["quality"], instrument=instrument, data={"is_active": False}
    )
    instrument.refresh_from_db()
    assert not instrument.is_active and instrument.current_version.number == 1
    with pytest.raises(ValidationError):
        services.instrument_update(
            actor=world.users["quality"], instrument=instrument, data={"organization": None}
        )


def test_the_quality_manager_makes_a_new_version_from_the_page(world, served_point):
    instrument = generate(world, served_point)
    url = f"/measurement/instruments/{instrument.pk}/regenerate/"
    assert world.client("auditor").post(url).status_code == 403
    assert world.client("outsider").post(url).status_code in (403, 404)
    response = world.client("quality").post(url, follow=True)
    assert response.status_code == 200
    instrument.refresh_from_db()
    assert instrument.current_version.number == 2
    assert instrument.versions.get(number=1).questions.exists()


def test_a_form_too_long_for_the_page_is_refused(world, served_point):
    instrument = generate(world, served_point)
    many = [{"type": "rating", "text_en": f"Q{n}"} for n in range(MAX_QUESTIONS + 1)]
    options = "\n".join(f"Option {n}" for n in range(11))
    for questions in (many, [{"type": "choice", "text_en": "Which?", "options_en": options}]):
        with pytest.raises(ValidationError):
            services.instrument_revise(
                actor=world.users["quality"], instrument=instrument, questions=questions
            )
    instrument.refresh_from_db()
    assert instrument.current_version.number == 1
