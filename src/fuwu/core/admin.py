"""Django admin for superusers: a fallback console, read-only where the audit
trail's integrity depends on writes going through services."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import AuditEntry, AuditVerification, Organization, User

# admin.site is core.admin_site.FuwuAdminSite: its login and password forms share the
# one login lockout (core/auth.py).


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Fuwu", {"fields": ("language",)}))
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_superuser")

    def has_delete_permission(self, request, obj=None) -> bool:
        # People are deactivated, never deleted: their changes stay attributable.
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes to these go through Fuwu's services so that they are audited."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("slug", "name_en", "name_zh", "is_active")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "organization",
        "seq",
        "created_at",
        "actor_name",
        "action",
        "object_type",
        "object_id",
    )
    list_filter = ("action", "object_type")


@admin.register(AuditVerification)
class AuditVerificationAdmin(ReadOnlyAdmin):
    """Every verification run, with each chain's result and the anchor it wrote."""

    list_display = ("started_at", "source", "organizations", "entries", "broken")
    list_filter = ("source",)
