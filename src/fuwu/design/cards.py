"""Service design's cards on the home page: what applies at the reader's site, and
the open work of those who write the specifications."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role
from fuwu.core.permissions import membership_for
from fuwu.documents import selectors as documents

from . import selectors

SHOWN = 6


@card(
    order=5,
    permission="design.view",
    # Those who serve at a site: what they must do there, first thing.
    roles={Role.STAFF, Role.SITE_MANAGER},
    title=_("What applies at your site"),
    template="design/cards/at_my_site.html",
    icon="ti-route",
)
def at_my_site(request: HttpRequest) -> dict[str, Any]:
    membership = membership_for(request.user, request.organization)
    site_ids = membership.site_ids() if membership is not None else None
    count, points = selectors.in_force_at(request.user, request.organization, site_ids)
    single = next(iter(site_ids)) if site_ids is not None and len(site_ids) == 1 else None
    return {"count": count, "points": points, "site_id": single}


@card(
    order=40,
    permission="design.manage",
    title=_("Your open work"),
    template="design/cards/my_work.html",
    icon="ti-pencil",
)
def my_work(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    drafts = documents.open_drafts_by(user, organization)
    waiting = selectors.specifications_waiting(user, organization)
    return {
        "drafts": list(drafts[:SHOWN]),
        "drafts_count": drafts.count(),
        "waiting": list(waiting[:SHOWN]),
        "waiting_count": waiting.count(),
    }
