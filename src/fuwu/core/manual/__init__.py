"""The service manual's building blocks (those of every generated file, from
fuwu.core.render) and the registry of its sections.

Every app contributes sections from its own `manual.py` with `@manual_section` (see
registry.py); the documents app discovers them at start-up, assembles the manual and
renders it. They live in core so that an app contributing a section (the standard
included) imports core, not the documents app.
"""

from ..render.blocks import (
    Block,
    BulletList,
    Diagram,
    Facts,
    Figure,
    Heading,
    ListItem,
    PageBreak,
    Paragraph,
    Span,
    Table,
)
from .registry import ManualContext, SectionRef, manual_section

__all__ = [
    "Block",
    "BulletList",
    "Diagram",
    "Facts",
    "Figure",
    "Heading",
    "ListItem",
    "ManualContext",
    "PageBreak",
    "Paragraph",
    "SectionRef",
    "Span",
    "Table",
    "manual_section",
]
