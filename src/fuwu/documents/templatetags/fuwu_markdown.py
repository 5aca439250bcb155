"""`{{ text|markdown }}`: Markdown rendered and sanitized (see documents/markdown.py)."""

from django import template
from django.utils.safestring import SafeString

from fuwu.core.markdown import render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render(text or "")
