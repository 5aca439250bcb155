"""Per-request context that services read without threading it through calls."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("fuwu_request_id", default="")
