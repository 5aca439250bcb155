"""Serializers check shape; the services check meaning."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fuwu.core.models import Site, User

from ..models import Document, DocumentVersion
from ..services.versions import REASON_FIELDS


class DocumentSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), required=False, allow_null=True
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(),
        required=False,
        allow_null=True,
        help_text="A site's id; null for an organization-wide document.",
    )
    current_version = serializers.IntegerField(
        source="current_version.number",
        read_only=True,
        allow_null=True,
        help_text="Number of the approved version in force, if any.",
    )
    overdue = serializers.SerializerMethodField(help_text="Approved and past its review date.")
    body_en = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Markdown text of version 1 (create only).",
    )
    body_zh = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Markdown text of version 1 (create only).",
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "organization",
            "number",
            "title_en",
            "title_zh",
            "category",
            "subject_type",
            "subject_id",
            "owner",
            "site",
            "review_interval_months",
            "next_review_date",
            "status",
            "current_version",
            "overdue",
            "last_reviewed_at",
            "obsoleted_at",
            "created_at",
            "updated_at",
            "body_en",
            "body_zh",
        ]
        read_only_fields = [
            "id",
            "organization",
            "number",
            "subject_type",
            "subject_id",
            "status",
            "last_reviewed_at",
            "obsoleted_at",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields["site"].queryset = Site.objects.for_user(user)
            organizations = user.memberships.filter(is_active=True).values("organization")
            fields["owner"].queryset = User.objects.filter(
                memberships__organization__in=organizations, memberships__is_active=True
            ).distinct()
        return fields

    def get_overdue(self, obj: Document) -> bool:
        return obj.is_overdue()


class VersionSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approver = serializers.SlugRelatedField(slug_field="username", read_only=True)
    file = serializers.SerializerMethodField(help_text="Where to download the frozen file, if any.")
    word_file = serializers.SerializerMethodField(
        help_text="Where to download the frozen Word file, if any (the service manual)."
    )

    class Meta:
        model = DocumentVersion
        fields = [
            "number",
            "status",
            "body_en",
            "body_zh",
            "change_reason_en",
            "change_reason_zh",
            "author",
            "submitted_by",
            "submitted_at",
            "reviewer",
            "reviewed_at",
            "rejection_reason",
            "approver",
            "approved_at",
            "effective_date",
            "obsoleted_at",
            "obsolete_reason",
            "checklist",
            "file",
            "word_file",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f not in ("body_en", "body_zh", *REASON_FIELDS)]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_file(self, obj: DocumentVersion) -> str | None:
        if not obj.file:
            return None
        return reverse("documents:version_file", args=[obj.document_id, obj.number])

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_word_file(self, obj: DocumentVersion) -> str | None:
        if not obj.word_file:
            return None
        return reverse("documents:version_word_file", args=[obj.document_id, obj.number])


class VersionWriteSerializer(serializers.Serializer):
    # Markdown: leading spaces are meaningful (code blocks), so nothing is trimmed.
    body_en = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    body_zh = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    change_reason_en = serializers.CharField(required=False, allow_blank=True)
    change_reason_zh = serializers.CharField(required=False, allow_blank=True)


class ApproveSerializer(serializers.Serializer):
    checklist = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Keys of the required elements the approver confirms (a policy has four: "
        "lasting_satisfaction, positioning, brand_image, customer_contact).",
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why (shown to the author and kept in the record).")
