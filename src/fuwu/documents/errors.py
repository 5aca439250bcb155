"""Errors the document services raise beyond Django's own."""

from django.core.exceptions import ValidationError


class StateConflict(ValidationError):
    """The request is well formed, but the document's state forbids it: changing an
    approved version, a second open draft, a transition from the wrong status.
    Pages show the message with status 409; the API answers 409."""
