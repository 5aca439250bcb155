"""Per-request context that services read without threading it through calls."""

from contextvars import ContextVar
from typing import Any

request_id: ContextVar[str] = ContextVar("fuwu_request_id", default="")
# The request being served, for the few checks Django gives no request to (the
# admin's password form asks the login lockout through it).
current_request: ContextVar[Any] = ContextVar("fuwu_current_request", default=None)
