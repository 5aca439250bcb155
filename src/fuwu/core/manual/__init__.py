"""The service manual's building blocks and the registry of its sections.

Every app contributes sections from its own `manual.py` with `@manual_section` (see
registry.py); the documents app discovers them at start-up, assembles the manual and
renders it. They live in core so that an app contributing a section (the standard
included) imports core, not the documents app.
"""

from .blocks import Block, BulletList, Diagram, Heading, ListItem, Paragraph, Span, Table
from .registry import ManualContext, SectionRef, manual_section

__all__ = [
    "Block",
    "BulletList",
    "Diagram",
    "Heading",
    "ListItem",
    "ManualContext",
    "Paragraph",
    "SectionRef",
    "Span",
    "Table",
    "manual_section",
]
