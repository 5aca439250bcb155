"""Document control's cards on the home page: approvals waiting for the reader,
documents due for review, and what came into force lately."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card

from . import selectors

SHOWN = 6  # rows per card; the card links the whole list


def first(rows: QuerySet, limit: int = SHOWN) -> dict[str, Any]:
    """How many rows there are and the first few: two queries."""
    return {"count": rows.count(), "rows": list(rows[:limit])}


@card(
    order=20,
    permission="documents.approve",
    title=_("Approvals waiting for you"),
    template="documents/cards/approvals.html",
    icon="ti-circle-check",
)
def approvals(request: HttpRequest) -> dict[str, Any]:
    return first(selectors.awaiting_approval(request.user, request.organization))


@card(
    order=30,
    permission="documents.edit",
    title=_("Documents due for review"),
    template="documents/cards/reviews.html",
    icon="ti-calendar-due",
)
def reviews(request: HttpRequest) -> dict[str, Any]:
    return first(selectors.due_for_review(request.user, request.organization)) | {
        "today": timezone.localdate()
    }


@card(
    order=60,
    permission="documents.view",
    title=_("Recently in force"),
    template="documents/cards/in_force.html",
    icon="ti-news",
)
def in_force(request: HttpRequest) -> dict[str, Any]:
    return first(selectors.recently_in_force(request.user, request.organization))
