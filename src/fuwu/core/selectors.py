"""Reads shared by views, API and checks."""

from __future__ import annotations

from typing import Any

from .models import AuditEntry, Membership, Organization, Site


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
