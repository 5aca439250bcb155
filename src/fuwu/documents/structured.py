"""Documents whose content is structured rows kept by another app.

A contact point's specification is a controlled document like any other
(versions, review, approval), but its content is a list of items the design app
keeps per version. That app registers the hooks below under the document's
`subject_type`; the documents services call them so that:

- a new draft starts with a copy of the content of the version it comes from;
- the submit guard asks whether the version has content (instead of its text);
- the text of the version is not edited here (its content is edited where the
  hook's `editor_url` points), and the document page shows `render(version)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StructuredContent:
    subject_type: str
    copy: Callable[[Any, Any], None]  # (source version or None, new draft)
    has_content: Callable[[Any], bool]  # (version)
    render: Callable[[Any], str]  # (version) -> safe HTML for the document page
    editor_url: Callable[[Any], str]  # (document) -> where its content is edited


STRUCTURED: dict[str, StructuredContent] = {}


def register_structured_content(content: StructuredContent) -> None:
    STRUCTURED[content.subject_type] = content


def structured_content(document: Any) -> StructuredContent | None:
    return STRUCTURED.get(document.subject_type) if document.subject_type else None
