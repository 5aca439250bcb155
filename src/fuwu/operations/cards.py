"""Operations' card on the home page: the open requests and complaints at the
reader's sites, those overdue, and the newest."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role

from . import selectors
from .models import RequestKind

SHOWN = 5


@card(
    order=25,
    permission="operations.view",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.STAFF, Role.AUDITOR},
    title=_("Requests and complaints"),
    template="operations/cards/requests.html",
    icon="ti-headset",
)
def requests(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    open_qs = selectors.open_requests(user, organization)
    return {
        "open": open_qs.count(),
        "complaints": open_qs.filter(kind=RequestKind.COMPLAINT).count(),
        "overdue": selectors.overdue_requests(user, organization).count(),
        "rows": list(open_qs.select_related("site").order_by("-received_at", "-pk")[:SHOWN]),
        "may_log": selectors.may_log(user, organization),
    }
