"""Inline text: spans with their emphasis, and the cells of tables and facts (a string
or spans), as blocks.py uses them and as frozen manuals store them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The colours of status badges (conformity statuses and general tones): PDF draws the
# badge in the strong colour, Word and Excel shade the cell in the pale one.
BADGES: dict[str, tuple[str, str]] = {
    "conforming": ("2fb344", "D3F2D8"),
    "nonconforming": ("d63939", "F8D7D7"),
    "not_assessed": ("6c7a91", "E9ECEF"),
    "excluded": ("9ba9be", "FFFFFF"),
    "success": ("2fb344", "D3F2D8"),
    "danger": ("d63939", "F8D7D7"),
    "warning": ("f59f00", "FFF3CD"),
    "muted": ("6c7a91", "E9ECEF"),
}


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis. `size`: "" (as around it), "small" or "large";
    `badge`: a key of BADGES (the text drawn as a coloured label)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    grey: bool = False
    size: str = ""
    badge: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "t": self.text,
            "b": self.bold,
            "i": self.italic,
            "c": self.code,
            "g": self.grey,
            "s": self.size,
            "badge": self.badge,
        }


Inline = tuple[Span, ...]
# A table cell or a fact: text, spans, or a number (Excel keeps it a number).
Cell = str | Inline | int | float


def inline(value: str | Span | Iterable[Span]) -> Inline:
    """Text (a string, a span or spans) as a tuple of spans."""
    if isinstance(value, str):
        return (Span(value),) if value else ()
    if isinstance(value, Span):
        return (value,)
    return tuple(value)


def plain(spans: Cell) -> str:
    if isinstance(spans, str):
        return spans
    if isinstance(spans, (int, float)):
        return str(spans)
    return "".join(span.text for span in spans)


def spans_of(cell: Cell) -> Inline:
    """A cell as spans, whatever it holds."""
    if isinstance(cell, (int, float)):
        return inline(str(cell))
    return inline(cell)


def as_cell(value: Any) -> Cell:
    """A cell as a string, a tuple of spans (a single plain span is a string) or a
    number."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, Span):
        value = (value,)
    if isinstance(value, (tuple, list)) and all(isinstance(v, Span) for v in value):
        if len(value) == 1 and value[0] == Span(value[0].text):
            return value[0].text
        return tuple(value)
    return str(value)


def cell_dict(value: Cell) -> Any:
    if isinstance(value, (str, int, float)):
        return value
    return [span.as_dict() for span in value]


def spans_from(rows: list[dict[str, Any]]) -> Inline:
    return tuple(
        Span(
            r["t"],
            r.get("b", False),
            r.get("i", False),
            r.get("c", False),
            r.get("g", False),
            r.get("s", ""),
            r.get("badge", ""),
        )
        for r in rows
    )


def cell_from(value: Any) -> Cell:
    if isinstance(value, list):
        return spans_from(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)
