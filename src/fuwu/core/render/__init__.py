"""One renderer for every generated file: a layout builds blocks, the renderer draws
them as PDF (typst), Word (python-docx) or Excel (openpyxl)::

    from fuwu.core.render import Document, Heading, Table, render_file

    document = Document(title=_("Audit report"), language="en", author=org.name,
                        blocks=[Heading(_("Findings"), level=1), Table(...)])
    built = render_file(document, "pdf", "lakeside-audit-2026-en")  # a BuiltFile

See docs/howto/generated-files.md and docs/adr/0021-one-block-renderer.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from ..downloads import BuiltFile
from ..text import printable_data
from .blocks import (
    BADGES,
    Block,
    BulletList,
    Cell,
    Diagram,
    Facts,
    Figure,
    Heading,
    Inline,
    ListItem,
    PageBreak,
    Paragraph,
    Span,
    Table,
    block_from_dict,
    blocks_text,
    inline,
    plain,
    spans_of,
)
from .document import Document

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

__all__ = [
    "BADGES",
    "CONTENT_TYPES",
    "Block",
    "BulletList",
    "Cell",
    "Diagram",
    "Document",
    "Facts",
    "Figure",
    "Heading",
    "Inline",
    "ListItem",
    "PageBreak",
    "Paragraph",
    "Span",
    "Table",
    "block_from_dict",
    "blocks_text",
    "inline",
    "plain",
    "render",
    "render_file",
    "spans_of",
]


def _backend(fmt: str) -> Callable[[Document], bytes]:
    # Imported on use: a process that only ever writes Excel never loads typst.
    if fmt == "pdf":
        from .pdf import render as pdf

        return pdf
    if fmt == "docx":
        from .word import render as word

        return word
    if fmt == "xlsx":
        from .excel import render as excel

        return excel
    raise ValueError(f"unknown file format {fmt!r}")


def render(document: Document, fmt: str) -> bytes:
    """The document as `fmt` ("pdf", "docx" or "xlsx")."""
    backend = _backend(fmt)
    started = time.perf_counter()
    # Old rows may hold characters Word and Excel cannot take: print what can be printed.
    content = backend(printable_data(document))
    log.info(
        "%s %s/%s rendered in %.0f ms (%d bytes)",
        document.title,
        fmt,
        document.language,
        1000 * (time.perf_counter() - started),
        len(content),
    )
    return content


def render_file(document: Document, fmt: str, stem: str) -> BuiltFile:
    """The document as a downloadable file named `stem`.`fmt`."""
    return BuiltFile(render(document, fmt), CONTENT_TYPES[fmt], f"{stem}.{fmt}")
