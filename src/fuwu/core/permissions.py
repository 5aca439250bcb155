"""Roles and what each may do, in one table.

A capability is "<app>.<verb>_<thing>". Views, API and services ask `can()`;
site scope is checked separately with `in_site_scope()`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Membership, Organization, Role

EVERYONE = frozenset(Role.values)
MANAGERS = frozenset({Role.ADMIN, Role.QUALITY_MANAGER})

CAPABILITIES: dict[str, frozenset[str]] = {
    "core.view_sites": EVERYONE,
    "core.manage_sites": frozenset({Role.ADMIN}),
    "core.view_members": EVERYONE,
    "core.manage_members": frozenset({Role.ADMIN}),
    "core.view_audit": frozenset({Role.ADMIN, Role.QUALITY_MANAGER, Role.AUDITOR}),
    "core.export": frozenset(
        {Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.AUDITOR, Role.VIEWER}
    ),
    "core.attach_files": frozenset(
        {Role.ADMIN, Role.QUALITY_MANAGER, Role.SITE_MANAGER, Role.STAFF}
    ),
}


def register_capabilities(capabilities: dict[str, frozenset[str]]) -> None:
    """Domain apps add their capabilities here from their AppConfig.ready()."""
    CAPABILITIES.update(capabilities)


def membership_for(user: Any, organization: Organization | None) -> Membership | None:
    if organization is None or not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_fuwu_memberships", None)
    if cache is None:
        cache = {}
        user._fuwu_memberships = cache
    if organization.pk not in cache:
        cache[organization.pk] = (
            Membership.objects.filter(user=user, organization=organization, is_active=True)
            .prefetch_related("sites")
            .first()
        )
    return cache[organization.pk]


def can(user: Any, organization: Organization | None, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or organization is None:
        return False
    if user.is_superuser:
        return True
    membership = membership_for(user, organization)
    if membership is None or not organization.is_active:
        return False
    return membership.role in CAPABILITIES.get(capability, frozenset())


def in_site_scope(user: Any, organization: Organization, site_id: int | None) -> bool:
    """Whether a row of this site may be changed by the user (None = organization-level)."""
    if user.is_superuser:
        return True
    membership = membership_for(user, organization)
    if membership is None:
        return False
    scope = membership.site_ids()
    if scope is None:
        return True
    return site_id is not None and site_id in scope


def unscoped(user: Any, organization: Organization) -> bool:
    """Whether the user acts for the whole organization (all sites, or superuser)."""
    if user.is_superuser:
        return True
    membership = membership_for(user, organization)
    return membership is not None and membership.all_sites


def require(user: Any, organization: Organization | None, capability: str) -> None:
    if not can(user, organization, capability):
        raise PermissionDenied(_("You do not have permission to do this."))
