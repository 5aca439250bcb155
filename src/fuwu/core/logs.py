"""Logging: a refusal is one line, a server error keeps its traceback.

Django logs a PermissionDenied (403) or a BadRequest / SuspiciousOperation (400) with
the exception's traceback, as if the server had failed; these are answers given on
purpose, so a probe of a hundred forbidden URLs would otherwise fill the log with
stack traces that hide the real errors. Installed on the handlers in settings.LOGGING."""

from __future__ import annotations

import logging


class RefusalsOnOneLine(logging.Filter):
    """Drops the traceback of records about a response below 500 (django.request,
    django.security.*); the line itself, with the status and path, stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
