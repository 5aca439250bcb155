"""Reads shared by views, API and checks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import AuditEntry, Organization, Site


def active_sites(user: Any, organization: Organization, limit: int = 6) -> dict[str, Any]:
    """The active sites a person sees, counted, and the first few: two queries."""
    sites = Site.objects.for_user(user, organization=organization).filter(is_active=True)
    return {"count": sites.count(), "sites": list(sites.order_by("code")[:limit])}


def recent_changes(organization: Organization, limit: int = 8) -> QuerySet[AuditEntry]:
    """The latest entries of the organization's audit trail (as its register shows them)."""
    return (
        AuditEntry.objects.filter(organization=organization)
        .select_related("actor")
        .order_by("-seq")[:limit]
    )
