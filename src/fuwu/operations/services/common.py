"""Checks the services of operations share: the site and contact point in scope,
bilingual text present."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models import Organization, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.design.models import ContactPoint


def check_site(actor: Any, organization: Organization, site: Any) -> None:
    if not isinstance(site, Site) or site.organization_id != organization.pk:
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if not in_site_scope(actor, organization, site.pk):
        raise PermissionDenied(_("This site is outside your sites."))


def check_contact_point(organization: Organization, site: Site, point: Any) -> None:
    if point is None:
        return
    if not isinstance(point, ContactPoint) or point.organization_id != organization.pk:
        raise ValidationError({"contact_point": _("Choose a contact point of this organization.")})
    if point.site_id is not None and point.site_id != site.pk:
        raise ValidationError({"contact_point": _("This contact point belongs to another site.")})


def require_text(field: str, en: str, zh: str, message: str) -> None:
    """One of the two languages at least: the reader falls back to the other."""
    if not (en or "").strip() and not (zh or "").strip():
        raise ValidationError({f"{field}_en": message})


def number_setting_update(
    *, actor: Any, organization: Organization, model: type, field: str, value: Any, maximum: int
) -> Any:
    """Set an organization's one-number setting (1 to `maximum`) on its settings row, made on
    first use: one transaction, audited when it changes."""
    require(actor, organization, "operations.manage_settings")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ValidationError(
            {field: _("Give a whole number from 1 to %(max)s.") % {"max": maximum}}
        )
    with transaction.atomic():
        current = model.objects.select_for_update().filter(organization=organization).first()
        before = snapshot(current) if current is not None else None
        if current is None:
            current = model(organization=organization)
        setattr(current, field, value)
        current.full_clean()
        current.save()
        after = snapshot(current)
        if before != after:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
                instance=current,
                before=before,
                after=after,
            )
        return current
