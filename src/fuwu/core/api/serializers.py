"""Serializers validate shape; services do every write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import AuditEntry, Invitation, Membership, Organization, Role, Site


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "slug", "name_en", "name_zh", "default_language", "is_active", "created_at"]
        read_only_fields = ["id", "created_at"]


class SiteSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Site
        fields = [
            "id",
            "organization",
            "code",
            "name_en",
            "name_zh",
            "address",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "created_at", "updated_at"]


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    full_name = serializers.CharField(source="user.get_full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    sites = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "organization",
            "username",
            "full_name",
            "email",
            "role",
            "all_sites",
            "sites",
            "is_active",
        ]
        read_only_fields = fields


class MembershipWriteSerializer(serializers.Serializer):
    """Add a member with a new login, or change role and scope. Someone who already
    has a login is invited instead (`/api/v1/invitations/`)."""

    username = serializers.RegexField(r"^[\w.@+-]+$", max_length=150, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    password = serializers.CharField(required=False, allow_blank=True, write_only=True)
    role = serializers.ChoiceField(choices=Role.choices)
    all_sites = serializers.BooleanField(default=True)
    sites = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        default=list,
    )
    is_active = serializers.BooleanField(default=True)

    def validate_password(self, value: str) -> str:
        if value:
            from django.contrib.auth.password_validation import validate_password

            validate_password(value)
        return value


class InvitationSerializer(serializers.ModelSerializer):
    sites = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    status = serializers.CharField(read_only=True)
    invited_by = serializers.CharField(source="invited_by.username", read_only=True, default=None)
    accepted_by = serializers.CharField(source="accepted_by.username", read_only=True, default=None)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "organization",
            "email",
            "role",
            "all_sites",
            "sites",
            "status",
            "expires_at",
            "invited_by",
            "created_at",
            "accepted_by",
            "accepted_at",
            "revoked_at",
        ]
        read_only_fields = fields


class InvitationWriteSerializer(serializers.Serializer):
    """Invite a person by e-mail; they become a member when they accept."""

    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)
    all_sites = serializers.BooleanField(default=True)
    sites = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        default=list,
    )


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "organization",
            "seq",
            "created_at",
            "actor",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "prev_hash",
            "hash",
            "hash_version",
        ]
        read_only_fields = fields


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send as `Authorization: Token <token>`."))
