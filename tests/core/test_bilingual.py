# ruff: noqa: RUF001 - Chinese texts use full-width punctuation, as Chinese does
"""Texts both languages read (ADR 0022): the `_en` / `_zh` pair, the plain name that
reads it in the reader's language, and the migration that sorted old texts by language."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from fuwu.core.models.bilingual import bilingual_texts
from fuwu.core.text import is_chinese, split_by_language
from fuwu.design.models import ContactActivity, ContactPoint, SpecificationItem
from fuwu.documents.models import DocumentVersion
from fuwu.standard.models import Applicability, Assessment


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("值班经理", True),
        ("在 4G 网络下 ≤ 3 秒", True),
        ("《旅游饭店星级的划分与评定》GB/T 14308-2010", True),
        ("Duty manager", False),
        ("average ≥ 4.5 of 5", False),
        ("Check the 房卡 at the desk before the guest arrives", False),
        ("≤ 10 s", False),
        ("", False),
    ],
)
def test_chinese_text_is_told_by_its_characters(text, chinese):
    assert is_chinese(text) is chinese
    assert split_by_language(text) == (("", text) if chinese else (text, ""))


def test_the_plain_name_reads_the_readers_language_and_falls_back():
    item = SpecificationItem(criterion_en="≤ 5 minutes", criterion_zh="≤ 5 分钟")
    with translation.override("zh-hans"):
        assert item.criterion == "≤ 5 分钟"
    with translation.override("en"):
        assert item.criterion == "≤ 5 minutes"
    only_chinese = SpecificationItem(method_zh="神秘顾客")
    with translation.override("en"):
        assert only_chinese.method == "神秘顾客"


def test_the_plain_name_cannot_be_written():
    with pytest.raises(AttributeError):
        SpecificationItem().criterion = "x"  # a writer says which language it has


def test_the_texts_both_languages_read_are_pairs():
    assert {"criterion", "reference", "method", "responsible", "text"} <= set(
        bilingual_texts(SpecificationItem)
    )
    assert "description" in bilingual_texts(ContactPoint)
    assert "description" in bilingual_texts(ContactActivity)
    assert "justification" in bilingual_texts(Applicability)
    assert "note" in bilingual_texts(Assessment)
    assert "change_reason" in bilingual_texts(DocumentVersion)


BEFORE = [("design", "0001_initial")]
AFTER = [("design", "0002_bilingual_texts")]


def test_the_migration_moves_chinese_text_to_the_chinese_field(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organization = old.get_model("core", "Organization").objects.create(
        name_en="Migrated", slug="migrated"
    )
    Point = old.get_model("design", "ContactPoint")
    Point.objects.create(
        organization=organization, code="EN", stage="before", description="Calls, 07:00–23:00."
    )
    Point.objects.create(
        organization=organization, code="ZH", stage="before", description="电话预订，07:00–23:00。"
    )
    Point.objects.create(organization=organization, code="NONE", stage="before", description="")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest schema
    moved = {
        p.code: (p.description_en, p.description_zh)
        for p in ContactPoint.objects.filter(organization__slug="migrated")
    }
    assert moved == {
        "EN": ("Calls, 07:00–23:00.", ""),
        "ZH": ("", "电话预订，07:00–23:00。"),
        "NONE": ("", ""),
    }
