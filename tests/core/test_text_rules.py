"""The text rule reaches every text field of every Fuwu model, and its edges: what passes
(Chinese, emoji, right-to-left text, newlines in descriptions) and what is printed."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from fuwu.core.text import (
    JSONTextValidator,
    TextValidator,
    check_text,
    printable,
    printable_data,
)


def text_fields() -> list[tuple[str, models.Field]]:
    return [
        (f"{model._meta.label}.{field.name}", field)
        for model in apps.get_models()
        if model.__module__.startswith("fuwu.")
        for field in model._meta.local_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.choices
    ]


def test_every_text_field_of_every_fuwu_model_has_the_rule():
    """A new app's models get it by being Fuwu's: this fails if the install stops working."""
    fields = text_fields()
    assert len(fields) > 50
    missing = [
        name
        for name, field in fields
        if not any(isinstance(v, TextValidator | JSONTextValidator) for v in field.validators)
    ]
    assert not missing


def test_the_rule_does_not_change_migrations():
    for _, field in text_fields():
        assert not any(
            isinstance(v, TextValidator | JSONTextValidator)
            for v in field.deconstruct()[3].get("validators", [])
        )


@pytest.mark.parametrize(
    "value",
    [
        "湖畔酒店 West Lake",
        "前台 😀 👍🏽",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family",  # ZWJ inside an emoji
        "\u2764\ufe0f",
        "שלום",
        "A\u00b7B \u2013 \u201cquoted\u201d \u2265 95 %",
    ],
)
def test_names_that_pass(value):
    check_text(value, multiline=False)


@pytest.mark.parametrize(
    "value",
    ["a\u200db", "\u200dA", "x\u202ey", "tab\there", "line\nbreak", "\u3164", "  \u200b "],
)
def test_names_that_do_not(value):
    with pytest.raises(ValidationError):
        check_text(value, multiline=False)


def test_descriptions_keep_tabs_newlines_and_bidi_marks():
    check_text("第一行\r\n\tzweite\n\u202bRTL\u202c \u200b", multiline=True)
    with pytest.raises(ValidationError):
        check_text("bell\u0007", multiline=True)


def test_json_values_are_checked_string_by_string():
    JSONTextValidator()({"a": ["fine", {"b": "also\nfine"}]})
    with pytest.raises(ValidationError):
        JSONTextValidator()({"a": ["fine", {"b": "bad\u0008"}]})
    with pytest.raises(ValidationError):
        JSONTextValidator()({"key\u0011": True})


def test_printable_keeps_what_outputs_can_take():
    assert printable("a\u0007b\tc\nd\x0c\ufffe 前台 😀 \u202e") == "ab\tc\nd 前台 😀 \u202e"
    assert printable_data({"x": ["a\u0001", ("b\u0002",)]}) == {"x": ["a", ("b",)]}
