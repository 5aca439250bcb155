"""The content blocks a manual section is made of: structure, never HTML or markup.

A section function returns a list of these; the PDF (typst), Word and HTML renderers
each draw them their own way, and text is always set as text::

    return [
        Paragraph.of(_("The scope of the service management system:")),
        BulletList.of([site.name for site in sites]),
        Table(columns=(_("Clause"), _("Justification")), rows=rows, widths=(1, 3)),
    ]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"t": self.text, "b": self.bold, "i": self.italic, "c": self.code}


Inline = tuple[Span, ...]


def inline(value: str | Span | Iterable[Span]) -> Inline:
    """Text (a string, a span or spans) as a tuple of spans."""
    if isinstance(value, str):
        return (Span(value),) if value else ()
    if isinstance(value, Span):
        return (value,)
    return tuple(value)


def plain(spans: Inline) -> str:
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class Block:
    type: ClassVar[str] = ""

    def as_dict(self) -> dict[str, Any]:
        raise NotImplementedError

    def text(self) -> str:
        """The block's text, for search and tests."""
        raise NotImplementedError


@dataclass(frozen=True)
class Heading(Block):
    """A heading inside a section. Level 2 is numbered (3.1, 3.2 …) and listed in the
    contents; level 3 is a minor heading, unnumbered."""

    type: ClassVar[str] = "heading"
    title: str
    level: int = 2
    number: str = ""  # set when the manual is assembled

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "title": self.title, "level": self.level, "number": self.number}

    def text(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True)
class Paragraph(Block):
    """A paragraph. `style`: "" (body text), "note" (smaller, grey), "quote", "code" or
    "notice" (a framed box: something the reader must not miss, e.g. what is not yet
    recorded)."""

    type: ClassVar[str] = "paragraph"
    spans: Inline
    style: str = ""

    @classmethod
    def of(cls, text: str | Span | Iterable[Span], style: str = "") -> Paragraph:
        return cls(inline(text), style)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "spans": [s.as_dict() for s in self.spans], "style": self.style}

    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class ListItem:
    spans: Inline
    level: int = 0  # nesting depth, 0 at the top

    def as_dict(self) -> dict[str, Any]:
        return {"spans": [s.as_dict() for s in self.spans], "level": self.level}


@dataclass(frozen=True)
class BulletList(Block):
    type: ClassVar[str] = "list"
    items: tuple[ListItem, ...]
    ordered: bool = False

    @classmethod
    def of(cls, items: Iterable[str | Span | Iterable[Span]], ordered: bool = False) -> BulletList:
        return cls(tuple(ListItem(inline(item)) for item in items), ordered)

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "items": [item.as_dict() for item in self.items],
            "ordered": self.ordered,
        }

    def text(self) -> str:
        return "\n".join(plain(item.spans) for item in self.items)


@dataclass(frozen=True)
class Table(Block):
    """A table of text. With `columns` the first row is a header (repeated on every
    page); without, it is a list of facts: label in the first column, value beside it.
    `widths`: relative widths of the columns."""

    type: ClassVar[str] = "table"
    rows: tuple[tuple[str, ...], ...]
    columns: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()
    caption: str = ""

    def __post_init__(self) -> None:
        count = len(self.columns) or (len(self.rows[0]) if self.rows else 0)
        # Every row as a tuple of strings, as many as there are columns.
        rows = tuple(
            tuple(("" if v is None else str(v)) for v in row)[:count] + ("",) * (count - len(row))
            for row in self.rows
        )
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "columns", tuple(str(c) for c in self.columns))
        if not self.widths or len(self.widths) != count:
            object.__setattr__(self, "widths", (1.0,) * count)

    @property
    def column_count(self) -> int:
        return len(self.widths)

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "columns": list(self.columns),
            "rows": [list(row) for row in self.rows],
            "widths": list(self.widths),
            "caption": self.caption,
        }

    def text(self) -> str:
        lines = [" | ".join(self.columns)] if self.columns else []
        return "\n".join(lines + [" | ".join(row) for row in self.rows])


@dataclass(frozen=True)
class Diagram(Block):
    """A figure the renderers draw themselves: `kind` names it (see diagram.py), `data`
    holds its labels."""

    type: ClassVar[str] = "diagram"
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    caption: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "kind": self.kind, "data": self.data, "caption": self.caption}

    def text(self) -> str:
        return self.caption


def blocks_text(blocks: Sequence[Block]) -> str:
    return "\n".join(block.text() for block in blocks)


def _spans(rows: list[dict[str, Any]]) -> Inline:
    return tuple(
        Span(r["t"], r.get("b", False), r.get("i", False), r.get("c", False)) for r in rows
    )


def block_from_dict(data: dict[str, Any]) -> Block:
    """The block `as_dict()` gave: a frozen manual is drawn again from these (when its
    version is approved, with the approval on its title page)."""
    kind = data["type"]
    if kind == Heading.type:
        return Heading(data["title"], data.get("level", 2), data.get("number", ""))
    if kind == Paragraph.type:
        return Paragraph(_spans(data["spans"]), data.get("style", ""))
    if kind == BulletList.type:
        items = tuple(ListItem(_spans(i["spans"]), i.get("level", 0)) for i in data["items"])
        return BulletList(items, data.get("ordered", False))
    if kind == Table.type:
        return Table(
            rows=tuple(tuple(row) for row in data["rows"]),
            columns=tuple(data.get("columns", ())),
            widths=tuple(data.get("widths", ())),
            caption=data.get("caption", ""),
        )
    if kind == Diagram.type:
        return Diagram(data["kind"], data.get("data", {}), data.get("caption", ""))
    raise ValueError(f"unknown block type {kind!r}")
