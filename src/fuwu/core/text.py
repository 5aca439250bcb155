# ruff: noqa: RUF002 - the examples show the full-width punctuation Chinese uses
"""Text composed from parts, in the active language: Chinese joins parts with its own
punctuation (a note in （）, a label and its text with ：, items with 、), so the joining
is translated like any other string, never written into code."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def noted(text: object, note: object) -> str:
    """ "Service realization (4.4)" / "服务实现（4.4）"."""
    return _("%(text)s (%(note)s)") % {"text": text, "note": note}


def labelled(label: object, text: object) -> str:
    """ "Figure 1: The processes" / "图 1：过程"."""
    return _("%(label)s: %(text)s") % {"label": label, "text": text}


def listed(items: Iterable[object]) -> str:
    """ "a, b, c" / "a、b、c"."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
