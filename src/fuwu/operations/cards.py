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


# -- customer property (4.4.7) --------------------------------------------------------------------

from django.utils import timezone  # noqa: E402

from fuwu.core.permissions import can  # noqa: E402

from .models import PropertyItem, PropertyStatus  # noqa: E402


@card(
    order=27,
    permission="operations.view",
    roles={Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.STAFF, Role.AUDITOR},
    title=_("Customer property"),
    template="operations/cards/property.html",
    icon="ti-briefcase",
)
def customer_property(request: HttpRequest) -> dict[str, Any]:
    user, organization = request.user, request.organization
    items = PropertyItem.objects.for_user(user, organization=organization)
    in_custody = items.filter(status=PropertyStatus.IN_CUSTODY)
    return {
        "in_custody": in_custody.count(),
        "overdue": in_custody.filter(expected_return_on__lt=timezone.localdate()).count(),
        "untold": items.filter(incident_at__isnull=False, customer_informed_at=None).count(),
        "may_receive": can(user, organization, "operations.keep_property"),
        "may_log": can(user, organization, "operations.log_communications"),
    }


# The demo of communication and customer property registers its seeder (core discovers
# `demo` modules; this one is named apart so the capabilities' demos merge side by side).
from . import demo_custody  # noqa: E402, F401
