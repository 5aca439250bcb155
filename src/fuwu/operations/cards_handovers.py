"""Operations' card of shift hand-over on the home page (imported by cards.py): the
hand-overs at the reader's sites waiting for the incoming person, those flagged to the
site manager, and the button to hand over."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role
from fuwu.core.permissions import can

from .models import Handover

SHOWN = 3


@card(
    order=26,
    permission="operations.view",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.STAFF},
    title=_("Shift hand-over"),
    template="operations/cards/handovers.html",
    icon="ti-arrows-exchange",
)
def handovers(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    waiting = Handover.objects.for_user(user, organization=organization).filter(
        acknowledged_at__isnull=True
    )
    return {
        "waiting": waiting.count(),
        "flagged": waiting.filter(flagged_at__isnull=False).count(),
        # The ones for the reader to take over: handed over by someone else.
        "rows": list(
            waiting.exclude(outgoing=user)
            .select_related("site", "outgoing")
            .order_by("-handed_over_at", "-pk")[:SHOWN]
        ),
        "may_hand_over": can(user, organization, "operations.hand_over"),
    }
