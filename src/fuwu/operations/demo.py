"""Demo data of operations (autodiscovered by `fuwu demo`): each capability tells its
part of Lakeside's and Harbor Café's history from its own module (demo_requests.py, ...)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from fuwu.core.demo import seeder

from . import demo_requests


# After the journeys and contact points (250) the requests arrive at.
@seeder(order=260, label=gettext_lazy("requests and complaints"))
def operations(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    demo_requests.lakeside(organizations["lakeside"], users)
    demo_requests.harbor(organizations["harbor-cafe"], users["cafe"])
