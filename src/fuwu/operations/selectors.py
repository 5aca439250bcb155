"""Reads of operations for pages, cards and "my work"; every read is cut to what the
reader may see (`for_user`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fuwu.core.models import Membership, User
from fuwu.core.permissions import can

from .models import OPEN_STATUSES, CustomerRequest
from .permissions import CAPABILITIES
from .services.requests import overdue_q


def requests_for(user: Any, organization: Any) -> QuerySet:
    return CustomerRequest.objects.for_user(user, organization=organization)


def open_requests(user: Any, organization: Any) -> QuerySet:
    return requests_for(user, organization).filter(status__in=OPEN_STATUSES)


def overdue_requests(user: Any, organization: Any) -> QuerySet:
    return (
        requests_for(user, organization)
        .filter(overdue_q(timezone.now()))
        .select_related("site", "handler", "first_owner", "escalated_to")
        .order_by("resolution_due_at", "pk")
    )


def mine(user: Any, organization: Any) -> QuerySet:
    """Open requests the person handles or first took (accountable until closed)."""
    return (
        open_requests(user, organization)
        .filter(Q(handler=user) | Q(first_owner=user) | Q(escalated_to=user))
        .select_related("site")
        .order_by("resolution_due_at", "pk")
    )


def handlers_for(record: CustomerRequest) -> QuerySet:
    """Members who may take the request over: they handle requests at its site."""
    roles = CAPABILITIES["operations.handle_requests"]
    memberships = Membership.objects.filter(
        organization_id=record.organization_id, is_active=True, role__in=roles
    ).filter(Q(all_sites=True) | Q(sites=record.site_id))
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .exclude(pk=record.handler_id)
        .order_by("username")
    )


def may_handle(user: Any, organization: Any) -> bool:
    return can(user, organization, "operations.handle_requests")


def may_log(user: Any, organization: Any) -> bool:
    return can(user, organization, "operations.log_requests")
