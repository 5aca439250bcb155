"""The blocks every generated file is made of: structure, never HTML or markup.

A layout returns a list of these; the PDF (typst), Word and Excel back-ends each draw
them their own way, and text is always set as text::

    blocks = [
        Heading(_("Exclusions"), level=1),
        Paragraph.of(_("The scope of the service management system:")),
        BulletList.of([site.name for site in sites]),
        Table(columns=(_("Clause"), _("Justification")), rows=rows, widths=(1, 3),
              empty=_("No clause is excluded.")),
    ]

A table cell or a fact's value is a string or a tuple of spans (bold, grey, a status
badge …). Frozen service manuals store `as_dict()` and are drawn again from
`block_from_dict()`, so keys only ever get added, with defaults.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .spans import (  # noqa: F401 (spans are part of the blocks' vocabulary)
    BADGES,
    Cell,
    Inline,
    Span,
    as_cell,
    cell_dict,
    cell_from,
    inline,
    plain,
    spans_from,
    spans_of,
)


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
    """A heading. Level 1 opens a part (a section of the manual); level 2 is listed in
    the contents (numbered when `number` is set); level 3 is a minor heading. `note`:
    a grey remark after the title (the clause it answers)."""

    type: ClassVar[str] = "heading"
    title: str
    level: int = 2
    number: str = ""  # the manual sets it when it is assembled
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "title": self.title,
            "level": self.level,
            "number": self.number,
            "note": self.note,
        }

    def text(self) -> str:
        return " ".join(p for p in (self.number, self.title, self.note) if p)


@dataclass(frozen=True)
class Paragraph(Block):
    """A paragraph. `style`: "" (body text), "note" (smaller, grey), "quote", "code" or
    "notice" (a framed box: something the reader must not miss, e.g. what is not yet
    approved)."""

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
    """A table. With `columns` the first row is a header (repeated on every page);
    without, it is a list of facts: label in the first column, value beside it.

    `widths`: relative widths of the columns. `empty`: the sentence shown instead of a
    table without rows. `indented`: the rows (by index) set in from the left (a
    lettered item under its clause). `excel_only`: the columns (by index) only the
    spreadsheet shows. `sheet`: in Excel, the table gets its own sheet of that name
    (else it joins the first sheet). `landscape`: on a page of its own, turned."""

    type: ClassVar[str] = "table"
    rows: tuple[tuple[Cell, ...], ...]
    columns: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()
    caption: str = ""
    empty: str = ""
    indented: tuple[int, ...] = ()
    excel_only: tuple[int, ...] = ()
    sheet: str = ""
    landscape: bool = False

    def __post_init__(self) -> None:
        count = len(self.columns) or (len(self.rows[0]) if self.rows else 0)
        # Every row as a tuple of cells, as many as there are columns.
        rows = tuple(
            tuple(as_cell(v) for v in row)[:count] + ("",) * (count - len(row)) for row in self.rows
        )
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "columns", tuple(str(c) for c in self.columns))
        if not self.widths or len(self.widths) != count:
            object.__setattr__(self, "widths", (1.0,) * count)
        object.__setattr__(self, "indented", tuple(self.indented))
        object.__setattr__(self, "excel_only", tuple(self.excel_only))

    @property
    def column_count(self) -> int:
        return len(self.widths)

    @property
    def span_rows(self) -> list[list[Inline]]:
        """Every cell as spans (a web page draws them like a paragraph's)."""
        return [[spans_of(c) for c in row] for row in self.rows]

    def printed(self) -> Table:
        """The table as PDF and Word show it: without the spreadsheet's own columns."""
        if not self.excel_only:
            return self
        keep = [i for i in range(self.column_count) if i not in self.excel_only]
        return Table(
            rows=tuple(tuple(row[i] for i in keep) for row in self.rows),
            columns=tuple(self.columns[i] for i in keep) if self.columns else (),
            widths=tuple(self.widths[i] for i in keep),
            caption=self.caption,
            empty=self.empty,
            indented=self.indented,
            landscape=self.landscape,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "columns": list(self.columns),
            "rows": [[cell_dict(c) for c in row] for row in self.rows],
            "widths": list(self.widths),
            "caption": self.caption,
            "empty": self.empty,
            "indented": list(self.indented),
            "excel_only": list(self.excel_only),
            "sheet": self.sheet,
            "landscape": self.landscape,
        }

    def text(self) -> str:
        lines = [" | ".join(self.columns)] if self.columns else []
        if not self.rows and self.empty:
            lines.append(self.empty)
        return "\n".join(lines + [" | ".join(plain(c) for c in row) for row in self.rows])


@dataclass(frozen=True)
class Facts(Block):
    """Label and value pairs (a document's number, version, approver …), `columns`
    pairs side by side; `boxed`: on a pale background."""

    type: ClassVar[str] = "facts"
    rows: tuple[tuple[Cell, Cell], ...]
    columns: int = 1
    boxed: bool = False

    def __post_init__(self) -> None:
        rows = tuple((as_cell(label), as_cell(value)) for label, value in self.rows)
        object.__setattr__(self, "rows", rows)

    @property
    def span_rows(self) -> list[tuple[Inline, Inline]]:
        return [(spans_of(a), spans_of(b)) for a, b in self.rows]

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "rows": [[cell_dict(label), cell_dict(value)] for label, value in self.rows],
            "columns": self.columns,
            "boxed": self.boxed,
        }

    def text(self) -> str:
        return "\n".join(f"{plain(label)}: {plain(value)}" for label, value in self.rows)


@dataclass(frozen=True)
class PageBreak(Block):
    type: ClassVar[str] = "pagebreak"

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type}

    def text(self) -> str:
        return ""


@dataclass(frozen=True)
class Figure(Block):
    """A drawing given as SVG (a chart, a blueprint): PDF embeds it, Word gets it as a
    PNG. `width`: in cm, at most the text's width."""

    type: ClassVar[str] = "figure"
    svg: str
    caption: str = ""
    width: float = 16.0

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "svg": self.svg, "caption": self.caption, "width": self.width}

    def text(self) -> str:
        return self.caption


@dataclass(frozen=True)
class Diagram(Block):
    """A figure the renderer draws itself in typst from labels: `kind` names it (see
    figures.py), `data` holds its labels."""

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


def block_from_dict(data: dict[str, Any]) -> Block:
    """The block `as_dict()` gave: a frozen manual is drawn again from these (when its
    version is approved, with the approval on its title page)."""
    kind = data["type"]
    if kind == Heading.type:
        return Heading(
            data["title"], data.get("level", 2), data.get("number", ""), data.get("note", "")
        )
    if kind == Paragraph.type:
        return Paragraph(spans_from(data["spans"]), data.get("style", ""))
    if kind == BulletList.type:
        items = tuple(ListItem(spans_from(i["spans"]), i.get("level", 0)) for i in data["items"])
        return BulletList(items, data.get("ordered", False))
    if kind == Table.type:
        return Table(
            rows=tuple(tuple(cell_from(c) for c in row) for row in data["rows"]),
            columns=tuple(data.get("columns", ())),
            widths=tuple(data.get("widths", ())),
            caption=data.get("caption", ""),
            empty=data.get("empty", ""),
            indented=tuple(data.get("indented", ())),
            excel_only=tuple(data.get("excel_only", ())),
            sheet=data.get("sheet", ""),
            landscape=data.get("landscape", False),
        )
    if kind == Facts.type:
        return Facts(
            tuple((cell_from(a), cell_from(b)) for a, b in data["rows"]),
            data.get("columns", 1),
            data.get("boxed", False),
        )
    if kind == PageBreak.type:
        return PageBreak()
    if kind == Figure.type:
        return Figure(data["svg"], data.get("caption", ""), data.get("width", 16.0))
    if kind == Diagram.type:
        return Diagram(data["kind"], data.get("data", {}), data.get("caption", ""))
    raise ValueError(f"unknown block type {kind!r}")
