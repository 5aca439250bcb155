"""Improvement's card on the home page: the open nonconformities and the actions
that are late, for those who steer them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role

from . import selectors
from .models import NCStatus

SHOWN = 5


@card(
    order=30,
    permission="improvement.view",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.AUDITOR},
    title=_("Nonconformities"),
    template="improvement/cards/nonconformities.html",
    icon="ti-alert-triangle",
)
def nonconformities(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    counts = selectors.status_counts(user, organization)
    newest = selectors.open_nonconformities(user, organization).select_related("site")
    return {
        "open": sum(counts.values()),
        "counts": [
            (label, counts.get(value, 0))
            for value, label in NCStatus.choices
            if value != NCStatus.CLOSED
        ],
        "overdue": selectors.overdue_actions(user, organization).count(),
        "rows": list(newest.order_by("-detected_at", "-pk")[:SHOWN]),
    }
