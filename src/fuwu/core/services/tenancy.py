"""Organizations, sites and memberships."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import audit_record, snapshot
from ..errors import StateConflict
from ..mail import send_set_password_link
from ..models import AuditChainHead, Membership, Organization, Role, Site, User
from ..models.audit import AuditAction
from ..permissions import in_site_scope, require, unscoped
from ..signals import organization_created
from .records import record_create, record_delete, record_update

ORGANIZATION_FIELDS = ("name_en", "name_zh", "slug", "default_language", "is_active")
SITE_FIELDS = ("code", "name_en", "name_zh", "address", "is_active")


def _pick(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in allowed}


def organization_create(*, actor: User, data: dict[str, Any]) -> Organization:
    if not actor.is_superuser:
        raise PermissionDenied(_("Only superusers can create organizations."))
    with transaction.atomic():
        org = Organization(**_pick(data, ORGANIZATION_FIELDS))
        org.full_clean()
        org.save()
        AuditChainHead.objects.create(organization=org)
        audit_record(actor=actor, action=AuditAction.CREATE, instance=org, after=snapshot(org))
        organization_created.send(sender=Organization, organization=org, actor=actor)
        return org


def organization_update(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> Organization:
    if not actor.is_superuser:
        raise PermissionDenied(_("Only superusers can change organizations."))
    return record_update(organization, actor=actor, data=_pick(data, ORGANIZATION_FIELDS))


def _check_site_code(organization: Organization, code: Any, site: Site | None = None) -> None:
    """A taken code is reported on the code field (the database constraint would only
    give a message about the whole row)."""
    taken = Site.objects.filter(organization=organization, code=code)
    if site is not None:
        taken = taken.exclude(pk=site.pk)
    if code and taken.exists():
        raise ValidationError({"code": _("Another site of this organization has this code.")})


def site_create(*, actor: User, organization: Organization, data: dict[str, Any]) -> Site:
    require(actor, organization, "core.manage_sites")
    fields = _pick(data, SITE_FIELDS) | {"organization": organization}
    _check_site_code(organization, fields.get("code"))
    return record_create(Site, actor=actor, data=fields)


def _require_site_in_scope(actor: User, site: Site) -> None:
    if not in_site_scope(actor, site.organization, site.pk):
        raise PermissionDenied(_("This site is outside your scope."))


def site_update(*, actor: User, site: Site, data: dict[str, Any]) -> Site:
    require(actor, site.organization, "core.manage_sites")
    _require_site_in_scope(actor, site)
    _check_site_code(site.organization, data.get("code", site.code), site)
    return record_update(site, actor=actor, data=_pick(data, SITE_FIELDS))


def site_delete(*, actor: User, site: Site) -> None:
    require(actor, site.organization, "core.manage_sites")
    _require_site_in_scope(actor, site)
    if site.members.exists():
        raise ValidationError(
            _(
                "This site is in the scope of members; remove it from their scope "
                "or deactivate it instead."
            )
        )
    try:
        record_delete(site, actor=actor)
    except StateConflict as exc:  # records still refer to it
        raise ValidationError(
            _("Records still refer to this site; deactivate it instead of deleting it.")
        ) from exc


def _require_members_manager(actor: User, organization: Organization) -> None:
    """Managing members needs the whole organization: a site-scoped administrator
    could otherwise widen their own scope or appoint an all-sites administrator."""
    require(actor, organization, "core.manage_members")
    if not unscoped(actor, organization):
        raise PermissionDenied(_("Only administrators of all sites can manage members."))


def _check_scope(organization: Organization, all_sites: bool, sites: list[Site]) -> None:
    if any(site.organization_id != organization.pk for site in sites):
        raise ValidationError({"sites": _("Choose sites of this organization only.")})
    if not all_sites and not sites:
        raise ValidationError({"sites": _("Choose at least one site, or tick “all sites”.")})


def refuse_superuser(user: User) -> None:
    """Superusers manage organizations from outside; they are never members of one."""
    if user.is_superuser:
        raise ValidationError(_("A superuser manages organizations and cannot be a member of one."))


def membership_add(
    *,
    actor: User,
    organization: Organization,
    username: str,
    role: str,
    all_sites: bool = True,
    sites: list[Site] | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str = "",
    base_url: str = "",
) -> Membership:
    """Add a new person with a new login. Without a password and with an e-mail
    address, they get a link to set one.

    An existing login is never added this way: that person is invited by e-mail
    (services/invitations.py) and accepts, so that nobody sees their data first. The
    refusal does not say whether the username is taken by someone."""
    _require_members_manager(actor, organization)
    sites = list(sites or [])
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    _check_scope(organization, all_sites, sites)
    with transaction.atomic():
        existing = User.objects.filter(username__iexact=username).first()
        if existing is not None:
            if Membership.objects.filter(user=existing, organization=organization).exists():
                raise ValidationError({"username": _("This person is already a member.")})
            raise ValidationError(
                {
                    "username": _(
                        "This username cannot be used for a new login. To add someone who "
                        "already has a Fuwu login, invite them by e-mail."
                    )
                }
            )
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.full_clean(exclude=["password"])
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        if not password and email:
            # Before the audit entry, which locks the chain: the mail server may be slow.
            send_set_password_link(user=user, organization=organization, base_url=base_url)
        return record_create(
            Membership,
            actor=actor,
            data={
                "user": user,
                "organization": organization,
                "role": role,
                "all_sites": all_sites,
                "sites": sites if not all_sites else [],
            },
        )


def membership_update(
    *,
    actor: User,
    membership: Membership,
    role: str,
    all_sites: bool,
    sites: list[Site],
    is_active: bool = True,
) -> Membership:
    _require_members_manager(actor, membership.organization)
    if membership.user_id == actor.pk and (role != Role.ADMIN or not is_active):
        raise ValidationError(_("You cannot remove your own administrator rights."))
    _check_scope(membership.organization, all_sites, sites)
    data = {
        "role": role,
        "all_sites": all_sites,
        "sites": [] if all_sites else sites,
        "is_active": is_active,
    }
    return record_update(membership, actor=actor, data=data)


def membership_deactivate(*, actor: User, membership: Membership) -> Membership:
    _require_members_manager(actor, membership.organization)
    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    return record_update(membership, actor=actor, data={"is_active": False})
