"""Organizations, their sites, users and memberships (role + site scope)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import TenantModel, TenantQuerySet
from .bilingual import BilingualText, bilingual  # noqa: F401 (apps import it from here)


class Role(models.TextChoices):
    ADMIN = "admin", _("Organization administrator")
    QUALITY_MANAGER = "quality_manager", _("Quality manager")
    SITE_MANAGER = "site_manager", _("Site manager")
    STAFF = "staff", _("Front-line staff")
    AUDITOR = "auditor", _("Auditor")
    VIEWER = "viewer", _("Viewer")


class User(AbstractUser):
    """A person who logs in. Belongs to organizations through memberships."""

    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=[("en", "English"), ("zh-hans", "简体中文")],
        help_text=_("Interface language; empty follows the browser."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user: User, organization: object = None) -> OrganizationQuerySet:
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        qs = self if organization is None else self.filter(pk=getattr(organization, "pk", None))
        if user.is_superuser:
            return qs
        return qs.filter(
            memberships__user=user, memberships__is_active=True, is_active=True
        ).distinct()


class Organization(models.Model):
    """A service organization: a tenant. Everything else belongs to one."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    default_language = models.CharField(
        _("default language"),
        max_length=10,
        default="en",
        choices=[("en", "English"), ("zh-hans", "简体中文")],
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    name = BilingualText()

    @property
    def organization_id(self) -> int:
        # Lets the audit trail treat an organization like any tenant-owned row.
        return self.pk


class Site(TenantModel):
    """A location of the organization: a hotel, store, branch or service hall."""

    tenant_site_field = "pk"

    code = models.CharField(_("code"), max_length=30)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="site_code_unique_per_org"
            )
        ]
        indexes = [models.Index(fields=["organization", "is_active"])]

    def __str__(self) -> str:
        return self.name

    name = BilingualText()


class Membership(TenantModel):
    """A user's place in an organization: one role, and either all sites or a scope."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    all_sites = models.BooleanField(
        _("all sites"), default=True, help_text=_("Untick to restrict this member to chosen sites.")
    )
    sites = models.ManyToManyField(
        Site, blank=True, related_name="members", verbose_name=_("sites")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return f"{self.user.display_name} ({self.user.username})"

    @classmethod
    def visibility_q(cls, user: User) -> Q:
        # Every active member sees the organization's member list; scoping limits
        # who may change members, not who may read it.
        mine = Membership.objects.filter(user=user, is_active=True, organization__is_active=True)
        return Q(organization__in=mine.values("organization_id"))

    @property
    def scope_label(self) -> str:
        if self.all_sites:
            return str(_("All sites"))
        return ", ".join(str(site) for site in self.sites.all())

    def site_ids(self) -> set[int] | None:
        """The sites in scope, or None for all sites."""
        if self.all_sites:
            return None
        return {site.pk for site in self.sites.all()}
