"""Core's cards on the home page: the sites in one's scope and the latest changes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import selectors, work
from .home import card
from .permissions import can


@card(
    order=80,
    permission="core.view_sites",
    title=_("Your sites"),
    template="core/home/sites.html",
    icon="ti-building-store",
)
def sites(request: HttpRequest) -> dict[str, Any]:
    return selectors.active_sites(request.user, request.organization) | {
        "may_add": can(request.user, request.organization, "core.manage_sites"),
    }


@card(
    order=90,
    permission="core.view_audit",
    title=_("Recent changes"),
    template="core/home/changes.html",
    icon="ti-history",
)
def changes(request: HttpRequest) -> dict[str, Any]:
    return {"entries": list(selectors.recent_changes(request.organization))}


@card(
    order=3,
    permission="core.view_sites",  # every member: the card reads only their own work
    title=_("My work"),
    template="core/home/my_work.html",
    icon="ti-checkbox",
)
def my_work(request: HttpRequest) -> dict[str, Any]:
    found = work.summary(request.user, request.organization)
    return {"items": found.items[:6], "count": len(found.items), "overdue": found.overdue}
