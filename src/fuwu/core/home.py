"""The home page: cards that apps contribute, each shown to those who may see it.

An app adds cards in its `cards.py` (autodiscovered by core at start-up), so core
imports no domain app::

    @card(order=20, permission="documents.approve", title=_("Approvals waiting for you"),
          template="documents/cards/approvals.html")
    def approvals(request) -> dict[str, Any]: ...

The function returns the context of its template partial. It reads only what the
person may see (`for_user()`, the app's selectors) and runs a fixed number of
queries however much data there is: the home page's query count must not grow.
Every card template says plainly when it holds nothing, and links the next step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from .permissions import can, membership_for

CardFunction = Callable[[HttpRequest], dict[str, Any]]


@dataclass(frozen=True)
class Card:
    key: str
    order: int
    title: Promise | str
    template: str
    permission: str
    roles: frozenset[str] | None
    icon: str
    function: CardFunction

    def shown_to(self, request: HttpRequest) -> bool:
        """Whether this person sees the card: they hold its capability and, where
        the card is meant for some roles only, have one of them."""
        user, organization = request.user, request.organization
        if not can(user, organization, self.permission):
            return False
        if self.roles is None or user.is_superuser:
            return True
        membership = membership_for(user, organization)
        return membership is not None and membership.role in self.roles


REGISTRY: dict[str, Card] = {}


def card(
    *,
    order: int,
    permission: str,
    title: Promise | str,
    template: str,
    key: str | None = None,
    roles: Iterable[str] | None = None,
    icon: str = "ti-layout-dashboard",
) -> Callable[[CardFunction], CardFunction]:
    """Register a home page card. `permission`: the capability its content needs;
    `roles`: only for these roles (who would find it useful), if given."""

    def register(function: CardFunction) -> CardFunction:
        name = key or f"{function.__module__.split('.')[1]}.{function.__name__}"
        if name in REGISTRY and REGISTRY[name].function is not function:
            raise ValueError(f"home card {name!r} is registered twice")
        REGISTRY[name] = Card(
            name,
            order,
            title,
            template,
            permission,
            frozenset(roles) if roles is not None else None,
            icon,
            function,
        )
        return function

    return register


@dataclass(frozen=True)
class ShownCard:
    card: Card
    context: dict[str, Any]


def cards_for(request: HttpRequest) -> list[ShownCard]:
    """The cards this person sees, in order, each with its template's context."""
    shown = sorted(
        (c for c in REGISTRY.values() if c.shown_to(request)), key=lambda c: (c.order, c.key)
    )
    return [ShownCard(c, c.function(request)) for c in shown]
