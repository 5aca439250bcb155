"""A Document as PDF, typeset by typst with one fixed template (pdf_template.py).

The blocks reach the template as JSON (fuwu.core.typst passes it through `sys.inputs`
after `printable_data`), so what users wrote is always set as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..typst import compile_typst, language_inputs
from . import figures
from .blocks import BADGES, Block, Table
from .document import Document
from .pdf_template import TEMPLATE

SOURCE = figures.TYPST + figures.typst_dispatch() + TEMPLATE


def _nest(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat list items with levels → a tree (typst nests lists inside items)."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(-1, root)]
    for item in items:
        node = {"spans": item["spans"], "children": []}
        while len(stack) > 1 and stack[-1][0] >= item["level"]:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((item["level"], node["children"]))
    return root


def block_data(blocks: Sequence[Block]) -> list[dict[str, Any]]:
    out = []
    for block in blocks:
        if isinstance(block, Table):
            block = block.printed()
        data = block.as_dict()
        if data["type"] == "list":
            data["items"] = _nest(data["items"])
        out.append(data)
    return out


def payload(document: Document) -> dict[str, Any]:
    data = document.as_dict()
    data.update(
        blocks=block_data(document.blocks),
        cover=block_data(document.cover),
        cover_foot=block_data(document.cover_foot),
        badges={key: strong for key, (strong, _pale) in BADGES.items()},
        **language_inputs(document.language),
    )
    return data


def render(document: Document) -> bytes:
    return compile_typst(SOURCE, payload(document))
