"""Core's cards on the home page: the sites in one's scope and the latest changes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import selectors
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
