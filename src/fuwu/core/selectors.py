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
