"""Core's registers: sites, members, the audit trail and (for superusers) organizations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import services
from .audit_display import describe
from .filtersets import (
    AuditEntryFilterSet,
    InvitationFilterSet,
    MembershipFilterSet,
    OrganizationFilterSet,
    SiteFilterSet,
)
from .forms import (
    InvitationForm,
    MembershipAddForm,
    MembershipEditForm,
    OrganizationForm,
    SiteForm,
)
from .models import AuditEntry, Invitation, Membership, Organization, Site
from .permissions import unscoped
from .registers import Column, Register
from .selectors import audit_verification_status


class SiteRegister(Register):
    model = Site
    slug = "site"
    url_prefix = "sites/"
    title = _("Sites")
    item_title = _("Site")
    filterset = SiteFilterSet
    form = SiteForm
    default_sort = "code"
    view_capability = "core.view_sites"
    manage_capability = "core.manage_sites"
    empty_text = _("No sites yet. Add the hotels, stores or branches where you serve customers.")
    columns = [
        Column("code", _("Code"), sort="code", link=True),
        Column("name", _("Name"), sort="name_en"),
        Column("name_en", _("Name (English)"), listed=False),
        Column("name_zh", _("Name (Chinese)"), listed=False),
        Column("address", _("Address")),
        Column("is_active", _("Active"), sort="is_active"),
    ]

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Site:
        return services.site_create(
            actor=request.user, organization=request.organization, data=data
        )

    def update(self, request: HttpRequest, obj: Site, data: dict[str, Any]) -> Site:
        return services.site_update(actor=request.user, site=obj, data=data)

    def delete(self, request: HttpRequest, obj: Site) -> None:
        services.site_delete(actor=request.user, site=obj)


class MembershipRegister(Register):
    model = Membership
    slug = "membership"
    url_prefix = "members/"
    title = _("Members")
    item_title = _("Member")
    filterset = MembershipFilterSet
    form = MembershipAddForm
    default_sort = "user__username"
    view_capability = "core.view_members"
    manage_capability = "core.manage_members"
    can_delete = False  # members are deactivated, so their history stays attributable
    select_related = ("user",)
    prefetch_related = ("sites",)
    empty_text = _("No members yet. Add the people who work in this organization.")
    columns = [
        Column("user.username", _("Username"), sort="user__username", link=True),
        Column("user.get_full_name", _("Name"), sort="user__last_name"),
        Column("user.email", _("Email"), sort="user__email"),
        Column("get_role_display", _("Role"), sort="role"),
        Column("scope_label", _("Site scope")),
        Column("is_active", _("Active"), sort="is_active"),
    ]

    def form_class(self, obj: models.Model | None) -> type:
        return MembershipAddForm if obj is None else MembershipEditForm

    def may_manage(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        # Members are managed for the whole organization, never from a site scope.
        return super().may_manage(request, obj) and unscoped(request.user, request.organization)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        if not self.may_manage(request):
            return []
        return [(reverse("core:invitation_list"), str(_("Invitations")), "mail")]

    def initial(self, obj: Membership) -> dict[str, Any]:
        return {
            "role": obj.role,
            "all_sites": obj.all_sites,
            "sites": list(obj.sites.all()),
            "is_active": obj.is_active,
        }

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Membership:
        return services.membership_add(
            actor=request.user,
            organization=request.organization,
            username=data["username"],
            role=data["role"],
            all_sites=data["all_sites"],
            sites=list(data["sites"]),
            email=data.get("email", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            password=data.get("password", ""),
            base_url=request.build_absolute_uri("/"),
        )

    def update(self, request: HttpRequest, obj: Membership, data: dict[str, Any]) -> Membership:
        return services.membership_update(
            actor=request.user,
            membership=obj,
            role=data["role"],
            all_sites=data["all_sites"],
            sites=list(data["sites"]),
            is_active=data["is_active"],
        )


class InvitationRegister(Register):
    """Invitations by e-mail: sent, accepted, revoked or expired. Only administrators
    of all sites see them; they are revoked, never edited or deleted."""

    model = Invitation
    slug = "invitation"
    url_prefix = "members/invitations/"
    title = _("Invitations")
    item_title = _("Invitation")
    filterset = InvitationFilterSet
    form = InvitationForm
    default_sort = "-created_at"
    view_capability = "core.manage_members"
    manage_capability = "core.manage_members"
    can_delete = False
    has_attachments = False
    select_related = ("invited_by", "accepted_by")
    prefetch_related = ("sites",)
    detail_template = "core/invitation_detail.html"
    empty_text = _("No invitations yet. Invite people by e-mail; they join when they accept.")
    columns = [
        Column("email", _("Email"), sort="email", link=True),
        Column("get_role_display", _("Role"), sort="role"),
        Column("scope_label", _("Site scope")),
        Column("get_status_display", _("Status")),
        Column("expires_at", _("Expires"), sort="expires_at"),
        Column("invited_by.username", _("Invited by")),
        Column("created_at", _("Sent"), sort="created_at"),
        Column("accepted_by.username", _("Accepted by"), listed=False),
    ]

    def may_view(self, request: HttpRequest) -> bool:
        return super().may_view(request) and unscoped(request.user, request.organization)

    def may_manage(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().may_manage(request, obj) and unscoped(request.user, request.organization)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [(reverse("core:membership_list"), str(_("Members")), "users")]

    def object_urls(self, obj: models.Model) -> dict[str, str]:
        # An invitation is revoked and sent again, never edited.
        return {"detail": self.url("detail", obj), "history": self.url("history", obj)}

    def urls(self) -> list:
        return [p for p in super().urls() if p.name != f"{self.slug}_edit"]

    def detail_context(self, request: HttpRequest, obj: Invitation) -> dict[str, Any]:
        return {"may_revoke": obj.is_pending and self.may_manage(request, obj)}

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Invitation:
        return services.invitation_create(
            actor=request.user,
            organization=request.organization,
            email=data["email"],
            role=data["role"],
            all_sites=data["all_sites"],
            sites=list(data["sites"]),
            base_url=request.build_absolute_uri("/"),
        )


class AuditEntryRegister(Register):
    model = AuditEntry
    slug = "auditentry"
    url_prefix = "audit/"
    title = _("Audit trail")
    item_title = _("Audit entry")
    filterset = AuditEntryFilterSet
    default_sort = "-seq"
    view_capability = "core.view_audit"
    can_delete = False
    has_attachments = False
    select_related = ("actor",)
    empty_text = _("No changes recorded yet. Every change made in Fuwu will appear here.")
    list_notice_template = "core/includes/audit_verification.html"
    detail_template = "core/register/audit_detail.html"
    columns = [
        Column("seq", _("No."), sort="seq", link=True),
        Column("created_at", _("When"), sort="created_at"),
        Column("actor_name", _("Who"), sort="actor_name"),
        Column("get_action_display", _("Action"), sort="action"),
        Column("object_type_label", _("Object type"), sort="object_type"),
        Column("object_repr", _("Object")),
        Column("request_id", _("Request id")),
        Column("hash", _("Hash"), listed=False),
    ]
    detail_fields = [
        *columns[:6],
        Column("object_id", _("Object id")),
        Column("request_id", _("Request id")),
        Column("prev_hash", _("Previous hash")),
        Column("hash", _("Hash")),
    ]

    def queryset(self, request: HttpRequest) -> models.QuerySet:
        return AuditEntry.objects.filter(organization=request.organization).select_related("actor")

    def list_context(self, request: HttpRequest) -> dict[str, Any]:
        return audit_verification_status(request.organization)

    def detail_context(self, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        return {"entry_changes": describe([obj], request, every_field=True)[0][1]}


class OrganizationRegister(Register):
    model = Organization
    slug = "organization"
    url_prefix = "organizations/"
    title = _("Organizations")
    item_title = _("Organization")
    filterset = OrganizationFilterSet
    form = OrganizationForm
    default_sort = "name_en"
    can_delete = False  # organizations are deactivated, never deleted
    has_attachments = False  # an organization is not a tenant-owned record
    columns = [
        Column("slug", _("Short name"), sort="slug", link=True),
        Column("name_en", _("Name (English)"), sort="name_en"),
        Column("name_zh", _("Name (Chinese)"), sort="name_zh"),
        Column("get_default_language_display", _("Default language")),
        Column("is_active", _("Active"), sort="is_active"),
    ]

    def queryset(self, request: HttpRequest) -> models.QuerySet:
        return Organization.objects.all()

    def may_view(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def may_manage(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return request.user.is_superuser

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Organization:
        if not request.user.is_superuser:
            raise PermissionDenied
        return services.organization_create(actor=request.user, data=data)

    def update(self, request: HttpRequest, obj: Organization, data: dict[str, Any]) -> Organization:
        return services.organization_update(actor=request.user, organization=obj, data=data)


sites = SiteRegister()
members = MembershipRegister()
invitations = InvitationRegister()
audit_trail = AuditEntryRegister()
organizations = OrganizationRegister()
