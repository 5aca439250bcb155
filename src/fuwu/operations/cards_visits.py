"""Operations' card of return visits (4.4.8) on the home page (imported by cards.py): the
visits planned at the reader's sites, those overdue, those assigned to the reader, and the
next ones due."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role

from .models import ReturnVisit, VisitStatus
from .services.visits import overdue_q

SHOWN = 3


@card(
    order=28,
    permission="operations.view",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.STAFF},
    title=_("Return visits"),
    template="operations/cards/visits.html",
    icon="ti-phone",
)
def return_visits(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    planned = ReturnVisit.objects.for_user(user, organization=organization).filter(
        status=VisitStatus.PLANNED
    )
    return {
        "planned": planned.count(),
        "overdue": planned.filter(overdue_q()).count(),
        "mine": planned.filter(assigned_to=user).count(),
        # The next ones due, the most overdue first.
        "rows": list(planned.select_related("site").order_by("due_on", "pk")[:SHOWN]),
    }
