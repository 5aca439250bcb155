"""The API's JSON parser: DRF's, with a limit on how deeply a body may nest.

Python's JSON decoder recurses once per level: a body of 100,000 "[" exhausts the
stack (RecursionError, a 500). No Fuwu payload nests more than a few levels, so
anything deeper than MAX_DEPTH is refused with a 400 before any view sees it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether `data` (decoded JSON) nests lists and objects more than `limit` deep.
    Walks with a stack of its own, so it never recurses."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((item, depth + 1) for item in value)
    return False


def refusal() -> ParseError:
    return ParseError(_("The JSON body nests more than %(max)s levels deep.") % {"max": MAX_DEPTH})


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # deeper than the decoder can go at all
            raise refusal() from exc
        if too_deep(data):
            raise refusal()
        return data
