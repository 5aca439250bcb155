"""Checks the services share: the site in scope, bilingual text present."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, Site
from fuwu.core.permissions import in_site_scope


def check_site(actor: Any, organization: Organization, site: Any, *, required: bool = True) -> None:
    if site is None:
        if required:
            raise ValidationError({"site": _("Choose a site of this organization.")})
        return
    if not isinstance(site, Site) or site.organization_id != organization.pk:
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if not in_site_scope(actor, organization, site.pk):
        raise PermissionDenied(_("This site is outside your sites."))


def require_text(field: str, en: str, zh: str, message: str) -> None:
    """One of the two languages at least: the reader falls back to the other."""
    if not (en or "").strip() and not (zh or "").strip():
        raise ValidationError({f"{field}_en": message})
