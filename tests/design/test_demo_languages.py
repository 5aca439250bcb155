"""The demo's content exists in both languages and the Chinese interface shows the
Chinese: contact point descriptions, activities' plans, specification items' criteria,
references, methods and who, auditor notes, justifications and reasons for change."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from fuwu.core.models import Organization, User
from fuwu.core.models.bilingual import bilingual_texts
from fuwu.design.demo.data import raw
from fuwu.design.models import ContactActivity, ContactPoint, SpecificationItem
from fuwu.design.sheet import data as sheet_data
from fuwu.documents.manual.build import build_manual

pytestmark = pytest.mark.django_db

# The texts this demo writes in both languages (a model's bilingual texts, by model).
PAIRS = {
    "design.contactpoint": ("name", "description"),
    "design.contactactivity": ("name", "description"),
    "design.specificationitem": ("text", "criterion", "reference", "method", "responsible"),
    "standard.applicability": ("justification",),
    "standard.assessment": ("note",),
    "documents.documentversion": ("change_reason",),
}
DEMO = ("lakeside", "harbor-cafe")


@pytest.fixture
def reference_data() -> None:
    """Not the design tests' two organizations: the demo makes its own."""


@pytest.fixture(scope="module", autouse=True)
def demo(demo_scene, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        yield


def _pairs(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    if isinstance(value, dict):
        if set(value) == {"en", "zh"}:
            yield where, value
            return
        for key, item in value.items():
            yield from _pairs(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _pairs(item, f"{where}/{index}")


@pytest.mark.parametrize("name", ["lakeside", "harbor"])
def test_every_text_of_the_demo_files_has_both_languages(name):
    pairs = list(_pairs(raw(name)))
    assert len(pairs) > 20
    missing = [where for where, pair in pairs if not (pair["en"] and pair["zh"])]
    assert missing == []


def test_every_demo_text_field_pair_has_both_languages():
    for label, names in PAIRS.items():
        model = apps.get_model(label)
        assert set(names) <= set(bilingual_texts(model))
        for row in model.objects.filter(organization__slug__in=DEMO):
            for name in names:
                en, zh = getattr(row, f"{name}_en"), getattr(row, f"{name}_zh")
                assert bool(en) == bool(zh), (label, row.pk, name, en, zh)


def _english_of(rows: Any, names: tuple[str, ...]) -> set[str]:
    """The English texts that differ from their Chinese ones (those must not show)."""
    return {
        getattr(row, f"{name}_en")
        for row in rows
        for name in names
        if getattr(row, f"{name}_en") and getattr(row, f"{name}_en") != getattr(row, f"{name}_zh")
    }


def _chinese_reader() -> Any:
    from django.test import Client

    user = User.objects.get(username="quality")
    user.language = "zh-hans"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def _shows_none(text: str, english: set[str]) -> None:
    shown = sorted(e for e in english if e in text)
    assert shown == []


def test_the_chinese_interface_shows_the_chinese_texts():
    lakeside = Organization.objects.get(slug="lakeside")
    client = _chinese_reader()
    points = ContactPoint.objects.filter(organization=lakeside)
    items = SpecificationItem.objects.filter(organization=lakeside)
    english = _english_of(points, ("description",)) | _english_of(
        items, ("criterion", "reference", "method", "responsible")
    )
    assert len(english) > 30
    room = points.get(code="ROOM")
    detail = client.get(reverse("design:contactpoint_detail", args=[room.pk])).content.decode()
    assert room.description_zh in detail
    _shows_none(detail, english)
    for kind in ("service", "provision", "control"):
        page = client.get(reverse("design:specification", args=[room.pk, kind]))
        assert page.status_code == 200
        _shows_none(page.content.decode(), english)
    activities = ContactActivity.objects.filter(organization=lakeside)
    process = client.get(reverse("design:process")).content.decode()
    _shows_none(process, _english_of(activities, ("description",)))
    assert activities.exclude(description_zh="").first().description_zh in process


def test_the_chinese_sheet_and_manual_show_the_chinese_texts():
    lakeside = Organization.objects.get(slug="lakeside")
    items = SpecificationItem.objects.filter(organization=lakeside)
    english = _english_of(items, ("text", "criterion", "reference", "method", "responsible"))
    with translation.override("zh-hans"):
        for point in ContactPoint.objects.filter(organization=lakeside, site=None):
            sheet = sheet_data.collect(point, site=None, user=None)
            _shows_none(json.dumps(dataclasses.asdict(sheet), ensure_ascii=False), english)
    manual = build_manual(lakeside, language="zh-hans")
    text = json.dumps(manual.as_dict(), ensure_ascii=False)
    activities = ContactActivity.objects.filter(organization=lakeside)
    points = ContactPoint.objects.filter(organization=lakeside)
    _shows_none(
        text,
        english | _english_of(activities, ("description",)) | _english_of(points, ("description",)),
    )


def test_the_auditor_notes_and_the_reasons_read_in_chinese():
    client = _chinese_reader()
    page = client.get(reverse("standard:clause", args=["4.2.5"])).content.decode()
    assert "上次管理评审未考虑西湖酒店的顾客评价结果" in page
    assert "did not consider customer" not in page
