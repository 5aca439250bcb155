"""Reads shared by views, API and checks."""

from __future__ import annotations

from typing import Any

from .models import AuditEntry, Membership, Organization, Site


def default_organization(user: Any) -> Organization | None:
    """The organization a person works in when they name none: the one they joined
    first (their oldest active membership of an active organization). Stable, and
    unchanged when they join another organization later."""
    membership = (
        Membership.objects.filter(user=user, is_active=True, organization__is_active=True)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    return membership.organization if membership else None


def organization_summary(user: Any, organization: Organization) -> dict[str, Any]:
    """The numbers on the dashboard: a handful of aggregate queries, whatever the size."""
    sites = Site.objects.for_user(user, organization=organization)
    return {
        "sites": sites.filter(is_active=True).count(),
        "members": Membership.objects.filter(organization=organization, is_active=True).count(),
        "changes": AuditEntry.objects.filter(organization=organization).count(),
        "recent": list(
            AuditEntry.objects.filter(organization=organization)
            .select_related("actor")
            .order_by("-seq")[:8]
        ),
    }
