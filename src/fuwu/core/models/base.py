"""The tenant-owned row: every register's model inherits from TenantModel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .tenancy import User


class TenantQuerySet(models.QuerySet):
    """Restricts rows to what a user may see: their organizations, and within an
    organization where their membership is site-scoped, only those sites."""

    def for_user(self, user: User, organization: Any = None) -> TenantQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        qs = self
        if organization is not None:
            qs = qs.filter(**{self.model.tenant_org_field: organization})
        if user.is_superuser:
            return qs
        return qs.filter(self.model.visibility_q(user)).distinct()


class TenantModel(models.Model):
    """Abstract base for rows owned by an organization (and optionally a site).

    `tenant_site_field` names the lookup that ties a row to a site (None for
    organization-level rows, which every member of the organization may see).
    """

    tenant_org_field = "organization"
    tenant_site_field: str | None = None

    organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def visibility_q(cls, user: User) -> Q:
        from .tenancy import Membership

        org = cls.tenant_org_field
        memberships = Membership.objects.filter(
            user=user, is_active=True, organization__is_active=True
        )
        whole = memberships.filter(all_sites=True).values("organization_id")
        q = Q(**{f"{org}__in": whole})
        if cls.tenant_site_field is None:
            # Organization-level rows: any active member sees them.
            return Q(**{f"{org}__in": memberships.values("organization_id")})
        scoped = memberships.filter(all_sites=False).values("sites")
        return q | Q(**{f"{cls.tenant_site_field}__in": scoped})


class OrganizationWideOrSite:
    """Visibility for rows that belong to a site or, with no site, to the whole
    organization: site-scoped members see their sites' rows *and* the
    organization-wide ones (TenantModel alone would hide the latter)."""

    tenant_site_field: str

    @classmethod
    def visibility_q(cls, user: Any) -> Q:
        from .tenancy import Membership

        mine = Membership.objects.filter(user=user, is_active=True, organization__is_active=True)
        organization_wide = Q(
            **{
                f"{cls.tenant_site_field}__isnull": True,
                f"{cls.tenant_org_field}__in": mine.values("organization_id"),  # type: ignore[attr-defined]
            }
        )
        return super().visibility_q(user) | organization_wide  # type: ignore[misc]
