"""Per-address limits of the public, login-free endpoints: the customer's page and
`/api/v1/public/...`. One setting, `FUWU_EVALUATION_RATE` (evaluations a minute
from one address; the form may be read five times as often), one counter shared by
the page and the API, so a device counts the same whichever it uses.

A fixed window per minute, counted in Django's cache with `add` + `incr`: constant
work per request (DRF's own SimpleRateThrottle keeps a list of every request's time,
which grows with the rate). Per process with the default local-memory cache, shared
by every server process once a shared cache is configured."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_noop
from rest_framework.throttling import BaseThrottle

from fuwu.core.auth import client_address

WINDOW = 60  # seconds
FORM_FACTOR = 5  # reading the form: five times the rate of sending it

# The 429's words (also in the page's template): one msgid for both.
SLOW_DOWN = gettext_noop(
    "We received many evaluations from this connection just now. Please try again in a minute."
)


def evaluation_rate() -> int:
    return int(getattr(settings, "FUWU_EVALUATION_RATE", 20))


def hit(request: Any, scope: str, limit: int) -> tuple[bool, int]:
    """Count one request of this address in the current minute: (allowed, seconds
    until the next window)."""
    now = time.time()
    window = int(now // WINDOW)
    key = f"fuwu:throttle:{scope}:{client_address(request)}:{window}"
    try:  # one cache operation for every request but the first of the window
        count = cache.incr(key)
    except ValueError:  # the first of this window (or the key just expired)
        count = 1 if cache.add(key, 1, WINDOW + 5) else cache.incr(key)
    return count <= limit, max(1, int(WINDOW - now % WINDOW) + 1)


class EvaluationThrottle(BaseThrottle):
    """Sending evaluations: FUWU_EVALUATION_RATE a minute per address."""

    scope = "evaluation"

    def limit(self) -> int:
        return evaluation_rate()

    def allow_request(self, request: Any, view: Any) -> bool:
        allowed, self.retry_after = hit(request, self.scope, self.limit())
        return allowed

    def wait(self) -> float | None:
        return getattr(self, "retry_after", WINDOW)


class FormThrottle(EvaluationThrottle):
    """Reading the public form: five times FUWU_EVALUATION_RATE a minute per address."""

    scope = "form"

    def limit(self) -> int:
        return evaluation_rate() * FORM_FACTOR
