"""A generated document: its title block, running header and footer, and blocks.

The same Document is drawn as PDF, Word or Excel (see the package's `render`). What
each back-end does with it:

- the title block (`lead`, `title`, `subtitle`, `name`, `cover`, `cover_foot`) fills
  a page of its own (`title_page`) or opens the first page; in Excel it opens the
  first sheet;
- `contents`: a table of contents after the title page (PDF, Word) listing the
  headings of levels 1 and 2;
- `header` and `footer`: (left, right) on every page but a title page; "%(page)s" and
  "%(total)s" in them become the page number and the page count;
- `status` ("draft", "approved" or "") goes into the file's properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .blocks import Block, Heading


@dataclass(frozen=True)
class Document:
    title: str
    language: str = "en"
    blocks: Sequence[Block] = ()
    author: str = ""  # the organization
    lead: str = ""  # a small grey line above the title: the standard, the clause
    subtitle: str = ""  # a grey line under the title: the title in the other language
    name: str = ""  # a bold line under it: whose document (organization, contact point)
    cover: Sequence[Block] = ()  # the rest of the title block
    cover_foot: Sequence[Block] = ()  # at the foot of the title page (approval)
    title_page: bool = True
    contents: str = ""  # the title of the table of contents; "" for none
    contents_hint: str = ""  # Word: how to fill in its page numbers
    header: tuple[str, str] = ("", "")
    footer: tuple[str, str] = ("", "")
    status: str = ""
    subject: str = ""
    sheet: str = ""  # Excel: the first sheet's name (the title when empty)
    labels: dict[str, str] = field(default_factory=dict)  # "figure": the figures' caption

    @property
    def chinese(self) -> bool:
        return self.language.lower().startswith("zh")

    def headings(self) -> list[tuple[int, str, str]]:
        """(level, number, title) of the headings the contents lists."""
        return [
            (b.level, b.number, b.title)
            for b in self.blocks
            if isinstance(b, Heading) and b.level <= 2
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "language": self.language,
            "author": self.author,
            "lead": self.lead,
            "subtitle": self.subtitle,
            "name": self.name,
            "cover": [b.as_dict() for b in self.cover],
            "cover_foot": [b.as_dict() for b in self.cover_foot],
            "title_page": self.title_page,
            "contents": self.contents,
            "header": list(self.header),
            "footer": list(self.footer),
            "blocks": [b.as_dict() for b in self.blocks],
            "labels": dict(self.labels),
        }
