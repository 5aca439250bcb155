"""Serializers of the improvement API: shape only; the services judge meaning."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.models import Site, User
from fuwu.design.models import CharacteristicKey, ContactPoint

from ..models import (
    Action,
    ActionKind,
    ActionStatus,
    CauseCategory,
    NCStatus,
    Nonconformity,
    PreventiveOrigin,
    Severity,
    Verification,
)


def owners_for(user: User) -> QuerySet[User]:
    """Members of the caller's organizations; the service checks the one at hand."""
    from fuwu.core.models import Organization

    return User.objects.filter(
        memberships__organization__in=Organization.objects.for_user(user).values("pk"),
        memberships__is_active=True,
    ).distinct()


def _scoped(serializer: serializers.Serializer, fields: dict, **models: type) -> dict:
    request = serializer.context.get("request")
    for name, model in models.items():
        if name in fields and request is not None:
            fields[name].queryset = model.objects.for_user(request.user)
    return fields


class NonconformitySerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), required=False, allow_null=True
    )
    characteristic = NamedChoiceField(
        choices=CharacteristicKey.choices,
        required=False,
        allow_blank=True,
        enum_name="CharacteristicKeyEnum",
    )
    severity = NamedChoiceField(
        choices=Severity.choices, default=Severity.MINOR, enum_name="SeverityEnum"
    )
    status = NamedChoiceField(
        choices=NCStatus.choices, read_only=True, enum_name="NonconformityStatusEnum"
    )
    cause_category = NamedChoiceField(
        choices=CauseCategory.choices, read_only=True, enum_name="CauseCategoryEnum"
    )
    source_type = serializers.CharField(read_only=True)
    source_url = serializers.SerializerMethodField(label=_("Source record URL"))
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Nonconformity
        fields = [
            "id",
            "organization",
            "number",
            "site",
            "source_type",
            "source_id",
            "source_url",
            "contact_point",
            "characteristic",
            "severity",
            "description_en",
            "description_zh",
            "detected_at",
            "customer_affected",
            "immediate_remedy_en",
            "immediate_remedy_zh",
            "customer_informed",
            "status",
            "cause_category",
            "whys_en",
            "whys_zh",
            "root_cause_en",
            "root_cause_zh",
            "analysed_at",
            "disposition_en",
            "disposition_zh",
            "disposed_at",
            "closed_at",
            "actions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "organization",
            "number",
            "source_id",
            "status",
            "cause_category",
            "whys_en",
            "whys_zh",
            "root_cause_en",
            "root_cause_zh",
            "analysed_at",
            "disposition_en",
            "disposition_zh",
            "disposed_at",
            "closed_at",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"detected_at": {"required": False}}

    def get_fields(self) -> dict:
        return _scoped(self, super().get_fields(), site=Site, contact_point=ContactPoint)

    def get_source_url(self, nc: Nonconformity) -> str | None:
        """The source record's page, on a single nonconformity (lists leave it out:
        one look-up per row would make them grow with the page)."""
        from ..sources import source_link

        view = self.context.get("view")
        if view is not None and getattr(view, "action", None) == "list":
            return None
        request = self.context.get("request")
        link = source_link(nc, request.user if request is not None else None)
        return link.url or None if link is not None else None


class CauseSerializer(serializers.Serializer):
    cause_category = NamedChoiceField(choices=CauseCategory.choices, enum_name="CauseCategoryEnum")
    whys_en = serializers.CharField(required=False, allow_blank=True, default="")
    whys_zh = serializers.CharField(required=False, allow_blank=True, default="")
    root_cause_en = serializers.CharField(required=False, allow_blank=True, default="")
    root_cause_zh = serializers.CharField(required=False, allow_blank=True, default="")


class DispositionSerializer(serializers.Serializer):
    disposition_en = serializers.CharField(required=False, allow_blank=True, default="")
    disposition_zh = serializers.CharField(required=False, allow_blank=True, default="")
    customer_informed = serializers.BooleanField(required=False, allow_null=True, default=None)


class VerificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Verification
        fields = ["id", "effective", "evidence_en", "evidence_zh", "verified_by", "verified_at"]
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(choices=ActionKind.choices, enum_name="ActionKindEnum")
    status = NamedChoiceField(
        choices=ActionStatus.choices, read_only=True, enum_name="ActionStatusEnum"
    )
    nonconformity = serializers.PrimaryKeyRelatedField(
        queryset=Nonconformity.objects.none(), required=False, allow_null=True
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True
    )
    origin = NamedChoiceField(
        choices=PreventiveOrigin.choices,
        required=False,
        allow_blank=True,
        enum_name="PreventiveOriginEnum",
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.none())
    verifications = VerificationSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "organization",
            "number",
            "kind",
            "nonconformity",
            "site",
            "origin",
            "description_en",
            "description_zh",
            "owner",
            "due_on",
            "status",
            "evidence_en",
            "evidence_zh",
            "completed_at",
            "verify_on",
            "rework_count",
            "verifications",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "organization",
            "number",
            "status",
            "evidence_en",
            "evidence_zh",
            "completed_at",
            "verify_on",
            "rework_count",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict:
        fields = _scoped(self, super().get_fields(), site=Site, nonconformity=Nonconformity)
        request = self.context.get("request")
        if request is not None and "owner" in fields:
            fields["owner"].queryset = owners_for(request.user)
        return fields


class ActionUpdateSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.none(), required=False)
    due_on = serializers.DateField(required=False)
    description_en = serializers.CharField(required=False, allow_blank=True)
    description_zh = serializers.CharField(required=False, allow_blank=True)


class CompleteSerializer(serializers.Serializer):
    evidence_en = serializers.CharField(required=False, allow_blank=True, default="")
    evidence_zh = serializers.CharField(required=False, allow_blank=True, default="")


class VerifySerializer(serializers.Serializer):
    effective = serializers.BooleanField()
    evidence_en = serializers.CharField(required=False, allow_blank=True, default="")
    evidence_zh = serializers.CharField(required=False, allow_blank=True, default="")
    due_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("When not effective: the reopened action's new due date."),
    )
