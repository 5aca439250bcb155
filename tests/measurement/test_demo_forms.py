"""The demo as its first run shows it: a progress line per seeder named by what it
seeds, in the language of the seeding; and its evaluation forms as a guest reads them: no
question asked twice at any contact point, in English or in Chinese, and each rating
says what it is about."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from fuwu.core import demo as core_demo
from fuwu.measurement.models import CollectionPoint, QuestionType
from tests.conftest import demo_progress


@pytest.fixture(scope="module")
def demo(demo_scene, django_db_blocker):
    """The shared demo (tests/conftest.py), seeded as `fuwu demo` seeds it: the value is
    its progress lines."""
    with django_db_blocker.unblock():
        yield demo_progress()


pytestmark = pytest.mark.django_db


def test_every_seeder_is_named_by_what_it_seeds_in_both_languages(demo):
    labels = [seeder.label for seeder in core_demo.SEEDERS]
    with translation.override("en"):
        english = [str(label) for label in labels]
    with translation.override("zh-hans"):
        chinese = [str(label) for label in labels]
    assert len(set(english)) == len(labels) and len(set(chinese)) == len(labels)
    for en, zh in zip(english, chinese, strict=True):
        assert en != zh and re.search(r"[\u4e00-\u9fff]", zh), en
    assert not {"measurement", "design", "documents", "improvement", "standard"} & set(english)
    with pytest.raises(TypeError):
        core_demo.seeder(order=1, label="not translated")


def test_the_progress_lines_name_each_step_in_the_readers_language(demo):
    lines = [line.strip() for line in demo.splitlines() if " ... " in line]
    expected = [str(s.label) for s in sorted(core_demo.SEEDERS, key=lambda s: s.order)]
    named = [line.split(" ... ")[0] for line in lines]
    assert named[1:-1] == expected
    assert len(named) == len(core_demo.SEEDERS) + 2  # the organizations, the audit trail


def _label(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def test_no_demo_form_asks_the_same_question_twice_in_either_language(demo):
    points = CollectionPoint.objects.select_related(
        "site", "contact_point", "instrument__current_version"
    )
    assert points.count() >= 20
    for point in points:
        questions = list(point.instrument.current_version.questions.all())
        for language in ("en", "zh"):
            # What the page shows: the question in the reader's language, else the other.
            texts = [
                _label(getattr(q, f"text_{language}") or q.text_en or q.text_zh) for q in questions
            ]
            where = f"{point.site.code} {point.contact_point.code} ({language})"
            assert all(texts), where
            assert len(set(texts)) == len(texts), where
        generated = [q for q in questions if q.type == QuestionType.RATING and q.indicator_id]
        for question in generated:
            assert question.text_zh.startswith(question.characteristic.name_zh + "：")  # noqa: RUF001
            assert question.text_en.startswith(question.characteristic.name_en + ": ")
