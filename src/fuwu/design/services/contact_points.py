"""Contact points: create, change, retire, delete. Every write is one transaction
with its audit entry (core's record_* helpers)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fuwu.core.models import Membership, Organization, Site, User
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import record_create, record_delete, record_update

from ..models import ContactPoint, Specification

FIELDS = (
    "code",
    "name_en",
    "name_zh",
    "stage",
    "manned",
    "channel",
    "description_en",
    "description_zh",
    "owner_role",
    "owner",
    "status",
    "site",
    "sites",
    "order",
)


def _pick(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k in FIELDS}
    for name in ("code", "name_en", "name_zh"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    return fields


def _check(
    actor: User,
    organization: Organization,
    fields: dict[str, Any],
    point: ContactPoint | None = None,
) -> dict[str, Any]:
    """Meaning: a name, a free code, an owner who is a member, sites of this
    organization within the actor's scope. Returns the fields with a site's own
    point deployed to its site."""
    value = lambda name: fields[name] if name in fields else getattr(point, name, None)  # noqa: E731
    if not (str(value("name_en") or "").strip() or str(value("name_zh") or "").strip()):
        raise ValidationError(
            {"name_en": _("Give the contact point a name in English or Chinese.")}
        )
    code = value("code")
    taken = ContactPoint.objects.filter(organization=organization, code=code)
    if point is not None:
        taken = taken.exclude(pk=point.pk)
    if code and taken.exists():
        raise ValidationError(
            {"code": _("Another contact point of this organization has this code.")}
        )
    owner = value("owner")
    if (
        owner is not None
        and not Membership.objects.filter(
            organization=organization, user=owner, is_active=True
        ).exists()
    ):
        raise ValidationError({"owner": _("Choose an active member of this organization.")})
    site: Site | None = value("site")
    if site is not None and site.organization_id != organization.pk:
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if not in_site_scope(actor, organization, site.pk if site else None):
        raise PermissionDenied(
            _("You may only keep the contact points of your own sites.")
            if site is None
            else _("This site is outside your scope.")
        )
    if "sites" in fields or "site" in fields:
        sites = list(fields.get("sites") or (point.sites.all() if point else []))
        if any(s.organization_id != organization.pk for s in sites):
            raise ValidationError({"sites": _("Choose sites of this organization.")})
        if site is not None:
            # A site's own contact point is deployed there and nowhere else.
            sites = [site]
        fields = fields | {"sites": sites}
    return fields


def contact_point_create(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> ContactPoint:
    require(actor, organization, "design.manage")
    fields = _pick(data)
    fields.setdefault("site", None)
    fields = _check(actor, organization, fields)
    return record_create(ContactPoint, actor=actor, data=fields | {"organization": organization})


def contact_point_update(*, actor: User, point: ContactPoint, data: dict[str, Any]) -> ContactPoint:
    organization = point.organization
    require(actor, organization, "design.manage")
    if not in_site_scope(actor, organization, point.site_id):
        raise PermissionDenied(_("You may only keep the contact points of your own sites."))
    fields = _check(actor, organization, _pick(data), point)
    if "site" in fields and fields["site"] != point.site and point.specifications.exists():
        raise ValidationError(
            {"site": _("This contact point has specifications; it cannot move to another site.")}
        )
    return record_update(point, actor=actor, data=fields)


def contact_point_delete(*, actor: User, point: ContactPoint) -> None:
    """Only a contact point nothing refers to yet; otherwise retire it."""
    organization = point.organization
    require(actor, organization, "design.manage")
    if not in_site_scope(actor, organization, point.site_id):
        raise PermissionDenied(_("You may only keep the contact points of your own sites."))
    if Specification.objects.filter(contact_point=point).exists():
        raise ValidationError(
            _(
                "This contact point has specifications, which are controlled documents: "
                "set its status to retired instead of deleting it."
            )
        )
    with transaction.atomic():
        record_delete(point, actor=actor)
