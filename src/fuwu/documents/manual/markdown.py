"""Markdown (a document's text) to manual blocks: headings, paragraphs, lists, tables.

The text goes through the same sanitizing renderer as the pages (`documents.markdown`),
then the HTML is walked into blocks. Kept simple on purpose: inline emphasis survives,
links keep their text, images and raw HTML do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from fuwu.core.markdown import render
from fuwu.core.render.blocks import Block, BulletList, Heading, ListItem, Paragraph, Span, Table

VOID = {"br", "hr", "img"}
BLOCK_TAGS = {"p", "ul", "ol", "table", "blockquote", "pre", "hr"} | {f"h{i}" for i in range(1, 7)}
# A line break between two CJK characters is no space: Chinese wraps without one.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_BREAK = re.compile(rf"(?<=[{CJK}\u2014\u2026])[ \t]*\n\s*(?=[{CJK}\u2014\u2026])")
SPACES = re.compile(r"\s+")


@dataclass
class Node:
    tag: str
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = Node(tag)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _tree(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _spans(node: Node, bold: bool = False, italic: bool = False, code: bool = False) -> list[Span]:
    out: list[Span] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(Span(child, bold, italic, code))
        elif child.tag == "br":
            out.append(Span("\n", bold, italic, code))
        elif child.tag in ("ul", "ol"):
            continue  # nested lists are items of their own
        else:
            out.extend(
                _spans(
                    child,
                    bold or child.tag in ("strong", "b"),
                    italic or child.tag in ("em", "i"),
                    code or child.tag == "code",
                )
            )
    return out


def _tidy(spans: list[Span], keep_spaces: bool = False) -> tuple[Span, ...]:
    """White space as a reader sees it: runs made one space (none between Chinese
    characters across a line break), trimmed at both ends, equal neighbours merged."""
    merged: list[Span] = []
    for span in spans:
        if (
            merged
            and "\n" not in (merged[-1].text, span.text)
            and _style(merged[-1]) == _style(span)
        ):
            last = merged.pop()
            span = Span(last.text + span.text, span.bold, span.italic, span.code)
        merged.append(span)
    if keep_spaces:
        if merged:
            merged[-1] = Span(merged[-1].text.rstrip("\n"), *_style(merged[-1]))
        return tuple(s for s in merged if s.text)
    tidy = [
        s if s.text == "\n" else Span(SPACES.sub(" ", CJK_BREAK.sub("", s.text)), *_style(s))
        for s in merged
    ]
    out: list[Span] = []
    for span in tidy:
        text = span.text
        if text != "\n" and (not out or out[-1].text.endswith((" ", "\n"))):
            text = text.lstrip()  # one space between spans; none at the start or after a break
        if text:
            out.append(Span(text, *_style(span)))
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[-1] = Span(out[-1].text.rstrip(), *_style(out[-1]))
    return tuple(out)


def _style(span: Span) -> tuple[bool, bool, bool]:
    return span.bold, span.italic, span.code


def _text(node: Node) -> str:
    return "".join(s.text for s in _tidy(_spans(node)))


def _list(node: Node, level: int, items: list[ListItem]) -> None:
    for child in node.children:
        if isinstance(child, Node) and child.tag == "li":
            spans = _tidy(_spans(child))
            if spans:
                items.append(ListItem(spans, level))
            for grandchild in child.children:
                if isinstance(grandchild, Node) and grandchild.tag in ("ul", "ol"):
                    _list(grandchild, level + 1, items)


def _table(node: Node) -> Table:
    columns: list[str] = []
    rows: list[tuple[str, ...]] = []

    def walk(n: Node) -> None:
        for child in n.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "tr":
                cells = [c for c in child.children if isinstance(c, Node) and c.tag in ("td", "th")]
                texts = tuple(_text(c) for c in cells)
                if not columns and all(c.tag == "th" for c in cells) and not rows:
                    columns.extend(texts)
                else:
                    rows.append(texts)
            else:
                walk(child)

    walk(node)
    return Table(rows=tuple(rows), columns=tuple(columns))


def _blocks(node: Node, style: str = "") -> list[Block]:
    blocks: list[Block] = []
    loose: list[Span] = []

    def flush() -> None:
        spans = _tidy(loose)
        if spans:
            blocks.append(Paragraph(spans, style))
        loose.clear()

    for child in node.children:
        if isinstance(child, str) or child.tag not in BLOCK_TAGS:
            loose.extend(_spans(Node("span", [child])))
            continue
        flush()
        tag = child.tag
        if tag.startswith("h") and len(tag) == 2:
            title = _text(child)
            if title:
                blocks.append(Heading(title, level=3))
        elif tag == "p":
            spans = _tidy(_spans(child))
            if spans:
                blocks.append(Paragraph(spans, style))
        elif tag in ("ul", "ol"):
            items: list[ListItem] = []
            _list(child, 0, items)
            if items:
                blocks.append(BulletList(tuple(items), ordered=tag == "ol"))
        elif tag == "table":
            table = _table(child)
            if table.rows or table.columns:
                blocks.append(table)
        elif tag == "blockquote":
            blocks.extend(_blocks(child, "quote"))
        elif tag == "pre":
            spans = _tidy(_spans(child, code=True), keep_spaces=True)
            if spans:
                blocks.append(Paragraph(spans, "code"))
    flush()
    return blocks


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of Markdown `text` (sanitized first, like on the pages)."""
    if not text or not text.strip():
        return []
    return _blocks(_tree(str(render(text))))
