"""API errors: a state conflict becomes 409, Django's ValidationError and PermissionDenied
become 400 and 403. Views let them propagate; this is the one mapping."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from fuwu.core.errors import StateConflict, conflict_message


class Conflict(exceptions.APIException):
    """The request is valid but the record's state forbids it (409)."""

    status_code = 409
    default_code = "conflict"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StateConflict):
        exc = Conflict(conflict_message(exc))
    elif isinstance(exc, DjangoValidationError):
        detail = (
            {
                (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): errors
                for field, errors in exc.message_dict.items()
            }
            if hasattr(exc, "error_dict")
            else {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
