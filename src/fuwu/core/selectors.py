"""Reads shared by views, API and checks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

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


def audit_verification_status(organization: Organization) -> dict[str, Any]:
    """The organization's result in the last verification run, and its last anchor."""
    from .audit_verify import Fault
    from .models import AuditChainCheck

    checks = AuditChainCheck.objects.filter(organization=organization).select_related("run")
    last = checks.order_by("-run__started_at", "-pk").first()
    anchored = checks.filter(anchored_seq__isnull=False).order_by("-run__started_at", "-pk").first()
    faults = [Fault.from_dict(f).message for f in (last.faults if last else [])[:5]]
    return {
        "last_check": last,
        "last_check_faults": faults,
        "more_faults": (last.fault_count - len(faults)) if last else 0,
        "last_anchor": anchored,
    }
