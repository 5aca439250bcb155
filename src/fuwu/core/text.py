"""Text from users: one rule for what every text field accepts, one for what outputs print.

Input (`TextValidator`, `JSONTextValidator`): `install()` adds them, when Fuwu starts,
to every CharField, TextField and JSONField of Fuwu's models, so every write that is
validated — forms, the API (ModelSerializers copy model validators) and imports all
reach `full_clean()` through the services — refuses:

- control characters (C0, DEL, C1), except tab and newline in multi-line text
  (TextField); they break Word and Excel files and mean nothing to a reader;
- in one-line text (CharField: names, codes, titles, file names) also bidi controls
  and zero-width characters, which can make a name look like another one (a zero-width
  joiner between emoji is kept: it builds one emoji), and values made only of
  invisible characters.

Output (`printable`, `printable_data`): what is already stored may still hold such
characters (rows written before the rule). Every Word, Excel, CSV and PDF writer puts
text through `printable`, which removes what XML 1.0 (docx, xlsx) cannot hold, and the
other control characters, so one old value never breaks a download. Nor does an old value
block other work: services write stored values again unchanged under `tolerating`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# What text may never contain: C0 controls but tab, newline and carriage return; DEL;
# C1; lone surrogates; and the two non-characters XML 1.0 refuses.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
NOT_PRINTABLE = re.compile(f"[{_CONTROL}]")
LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
# Bidi embeddings, overrides and isolates; zero-width space, (non-)joiner, word joiner, BOM.
DISGUISING = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\u061c\u200e\u200f]")
# Characters that show nothing although they are not whitespace (Hangul fillers, blank braille).
_BLANK = set("\u115f\u1160\u3164\uffa0\u2800\u034f")
ZWJ = "\u200d"
CONTROL_MESSAGE = _(
    "Remove the control character %(char)s (at position %(position)s): it cannot be printed."
)


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) in {"So", "Sk"} or char in "\ufe0f\u20e3"


def _joins_emoji(value: str, index: int) -> bool:
    return (
        0 < index < len(value) - 1 and _is_emoji(value[index - 1]) and _is_emoji(value[index + 1])
    )


def invisible(value: str) -> bool:
    """Nothing a reader would see: only whitespace, format characters and blank fillers."""
    return all(c.isspace() or unicodedata.category(c) in {"Cf", "Cc"} or c in _BLANK for c in value)


def text_error(value: str, *, multiline: bool) -> ValidationError | None:
    """Why `value` cannot be stored in a text field, or None."""
    found = NOT_PRINTABLE.search(value)
    if found:
        return ValidationError(
            CONTROL_MESSAGE,
            code="control_character",
            params={"char": _code(found.group()), "position": found.start() + 1},
        )
    if multiline:
        return None
    found = LINE_BREAKS.search(value)
    if found:
        return ValidationError(
            _("Write this on one line: it holds a line break or a tab (at position %(position)s)."),
            code="line_break",
            params={"position": found.start() + 1},
        )
    for found in DISGUISING.finditer(value):
        if found.group() == ZWJ and _joins_emoji(value, found.start()):
            continue
        return ValidationError(
            _(
                "Remove the invisible character %(char)s (at position %(position)s): it can make "
                "the text look like something else."
            ),
            code="invisible_character",
            params={"char": _code(found.group()), "position": found.start() + 1},
        )
    if value and invisible(value):
        return ValidationError(
            _("Enter visible text, not only spaces or invisible characters."), code="invisible"
        )
    return None


def check_text(value: str, *, multiline: bool = False) -> None:
    """Raise the ValidationError of `text_error`, if any."""
    error = text_error(value, multiline=multiline)
    if error is not None:
        raise error


# Values already stored, which a service writes again unchanged (see `tolerating`).
_tolerated: ContextVar[frozenset[str]] = ContextVar("tolerated_text", default=frozenset())


@contextmanager
def tolerating(values: Iterable[Any]) -> Iterator[None]:
    """Let the stored `values` pass the rule while a service writes them again unchanged:
    an edit of one field, or a new draft copied from an approved version, must not be
    refused for a value written before the rule (the outputs print it anyway)."""
    extra = frozenset(v for v in values if isinstance(v, str) and v)
    token = _tolerated.set(_tolerated.get() | extra)
    try:
        yield
    finally:
        _tolerated.reset(token)


def stored_texts(instance: Any) -> list[str]:
    """The texts of a model instance's text fields (and inside its JSON), as they are now."""
    return [
        text
        for f in instance._meta.concrete_fields
        if validator_for(f) is not None
        for text in _strings(getattr(instance, f.attname))
    ]


@deconstructible
class TextValidator:
    """The input rule for one text field (`multiline`: a TextField)."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and value not in _tolerated.get():
            check_text(value, multiline=self.multiline)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValidator) and other.multiline == self.multiline


@deconstructible
class JSONTextValidator:
    """The input rule for every string (keys too) inside a JSON value: multi-line text."""

    def __call__(self, value: Any) -> None:
        tolerated = _tolerated.get()
        for text in _strings(value):
            if text not in tolerated:
                check_text(text, multiline=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JSONTextValidator)


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def validator_for(field: Any) -> TextValidator | JSONTextValidator | None:
    """The rule a model field gets: None for fields that hold no free text."""
    from django.db import models

    if getattr(field, "choices", None):
        return None  # the choices are the check
    if isinstance(field, models.JSONField):
        return JSONTextValidator()
    if isinstance(field, models.TextField):
        return TextValidator(multiline=True)
    if isinstance(field, models.CharField):
        return TextValidator(multiline=False)
    return None


def install() -> None:
    """Give every text field of Fuwu's models its rule (called once, from core's ready()).

    The validator goes into the field's computed `validators` list, not into the field's
    declaration, so migrations do not change; a new app's models get it by being Fuwu's."""
    from django.apps import apps

    for model in apps.get_models():
        if not model.__module__.startswith("fuwu."):
            continue
        for field in model._meta.local_fields:
            validator = validator_for(field)
            if validator is not None and validator not in field.validators:
                field.validators.append(validator)  # the cached list of this field


# -- output ----------------------------------------------------------------


def printable(value: str) -> str:
    """`value` without the characters Word, Excel or typst cannot take."""
    return NOT_PRINTABLE.sub("", value) if NOT_PRINTABLE.search(value) else value


def printable_data(value: Any) -> Any:
    """`value` with `printable` applied to every string inside (dicts, lists, tuples,
    dataclasses): what a generator gives its Word, Excel or PDF writer."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable_data(v) for v in value]
    if isinstance(value, tuple):
        items = [printable_data(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: printable_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


# -- languages ---------------------------------------------------------------

# CJK ideographs (with extension A and the compatibility block) and CJK punctuation.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_LETTERS = re.compile(r"[^\W\d_]")


def is_chinese(value: str) -> bool:
    """Whether a text is written in Chinese: most of its letters are Chinese characters.

    Used to sort texts written before there were two fields into the right one; a
    Chinese sentence with a few Latin names ("在 Wi-Fi 下 ≤ 3 秒") is still Chinese."""
    letters = _LETTERS.findall(value)
    if not letters:
        return False
    han = sum(1 for c in letters if _HAN.match(c))
    # A Chinese character carries a word; a Latin letter a sound: weigh them so.
    return han * 3 >= len(letters) - han


def split_by_language(value: str) -> tuple[str, str]:
    """(English, Chinese) for a text written before there were two fields."""
    return ("", value) if is_chinese(value) else (value, "")
