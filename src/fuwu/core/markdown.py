"""Markdown to safe HTML: rendered with `markdown`, then sanitized with `nh3`.

Document text is user input. Whatever Markdown or raw HTML it holds, only the
tags below survive, links get rel="noopener noreferrer", and only http(s) and
mailto links are kept. Never mark unsanitized HTML safe: call `render()`.
"""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "code",
    "pre",
    "em",
    "strong",
    "del",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text: str) -> SafeString:
    """The HTML of Markdown `text`, sanitized: safe to put in a page."""
    if not text or not text.strip():
        return mark_safe("")  # nothing to render
    html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    return mark_safe(sanitize(html))  # sanitized just above
