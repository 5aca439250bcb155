# ruff: noqa: RUF002 - the examples show the full-width punctuation Chinese uses
"""Text composed from parts, in the active language: Chinese joins parts with its own
punctuation (a note in （）, a label and its text with ：, items with 、), so the joining
is translated like any other string, never written into code."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def noted(text: object, note: object) -> str:
    """A note after a text: `Service realization (4.4)`, `服务实现（4.4）`."""
    return _("%(text)s (%(note)s)") % {"text": text, "note": note}


def labelled(label: object, text: object = "", language: str | None = None) -> str:
    """A label and its text: `Figure 1: The processes`, `图 1：过程`; without text, the
    label as a prefix (`Date: `, `日期：`). `language`: for renderers that run outside
    the reader's language."""
    if language:
        with translation.override(language):
            return labelled(label, text)
    return _("%(label)s: %(text)s") % {"label": label, "text": text}


def listed(items: Iterable[object]) -> str:
    """Items in a run: `a, b, c`, `a、b、c`."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
