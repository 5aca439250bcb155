"""Errors the services raise beyond Django's own, and the one place that says what a
state conflict answers: 409 on a page (`status_for`) and in the API (the API's
exception handler, core/api/exceptions.py)."""

from django.core.exceptions import ValidationError


class StateConflict(ValidationError):
    """The request is well formed, but the record's state forbids it: changing an
    approved version, a second open draft, a transition from the wrong status.
    Pages show the message with status 409; the API answers 409."""


def status_for(exc: ValidationError) -> int:
    """The status of a page that shows a refused write's messages: 409 for a state
    conflict, 400 for input to fix."""
    return 409 if isinstance(exc, StateConflict) else 400


def conflict_message(exc: ValidationError) -> str:
    """A refusal's messages as the one line a 409 answer carries."""
    return " ".join(exc.messages)
