"""Serializers of the measurement API: shape only; the services judge meaning."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.models import Site, User
from fuwu.design.models import ContactPoint

from ..models import (
    AnalysisReview,
    Audit,
    AuditFinding,
    AuditProgramme,
    AuditStatus,
    FindingGrade,
    InspectionKind,
    InspectionResult,
    InspectionRound,
    Outcome,
    RoundStatus,
)


def _scoped(serializer: serializers.Serializer, fields: dict, **models: type) -> dict:
    request = serializer.context.get("request")
    for name, model in models.items():
        if name in fields and request is not None:
            fields[name].queryset = model.objects.for_user(request.user)
    return fields


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionResult
        fields = [
            "id",
            "order",
            "from_addendum",
            "text_en",
            "text_zh",
            "criterion_en",
            "criterion_zh",
            "method_en",
            "method_zh",
            "responsible_en",
            "responsible_zh",
            "frequency",
            "characteristic",
            "outcome",
            "measured_value",
            "note",
            "photo",
            "recorded_by",
            "recorded_at",
            "nonconformity_id",
        ]
        read_only_fields = fields


class RecordSerializer(serializers.Serializer):
    """One item's finding: `outcome` may be left out when `measured_value` is judged
    against a numeric criterion."""

    outcome = serializers.ChoiceField(
        choices=[c for c in Outcome.choices if c[0] != Outcome.PENDING],
        required=False,
        allow_blank=True,
    )
    measured_value = serializers.DecimalField(
        max_digits=14, decimal_places=3, required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    photo = serializers.FileField(required=False, allow_null=True)


class RoundSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(
        choices=RoundStatus.choices, read_only=True, enum_name="InspectionRoundStatusEnum"
    )
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(queryset=ContactPoint.objects.none())
    kind = NamedChoiceField(
        choices=InspectionKind.choices,
        default=InspectionKind.INSPECTION,
        enum_name="InspectionKindEnum",
    )
    results = ResultSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionRound
        fields = [
            "id",
            "organization",
            "number",
            "kind",
            "site",
            "contact_point",
            "specification_version",
            "addendum_version",
            "frequency",
            "due_on",
            "status",
            "overdue",
            "performed_by",
            "completed_at",
            "note",
            "reaction_en",
            "reaction_zh",
            "results",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "organization",
            "number",
            "specification_version",
            "addendum_version",
            "frequency",
            "due_on",
            "status",
            "overdue",
            "performed_by",
            "completed_at",
            "note",
            "reaction_en",
            "reaction_zh",
            "created_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        return _scoped(self, super().get_fields(), site=Site, contact_point=ContactPoint)


class CompleteRoundSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FindingSerializer(serializers.ModelSerializer):
    grade = NamedChoiceField(choices=FindingGrade.choices, enum_name="FindingGradeEnum")
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True
    )

    class Meta:
        model = AuditFinding
        fields = [
            "id",
            "audit",
            "clause",
            "grade",
            "site",
            "description_en",
            "description_zh",
            "evidence_en",
            "evidence_zh",
            "recorded_by",
            "nonconformity_id",
            "closed_by",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "audit",
            "recorded_by",
            "nonconformity_id",
            "closed_by",
            "created_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        return _scoped(self, super().get_fields(), site=Site)


class AuditSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(
        choices=AuditStatus.choices, read_only=True, enum_name="AuditStatusEnum"
    )
    programme = serializers.PrimaryKeyRelatedField(queryset=AuditProgramme.objects.none())
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True
    )
    auditor = serializers.PrimaryKeyRelatedField(queryset=User.objects.none())
    clauses = serializers.ListField(child=serializers.CharField(max_length=30))
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = Audit
        fields = [
            "id",
            "organization",
            "number",
            "programme",
            "site",
            "process_en",
            "process_zh",
            "clauses",
            "auditor",
            "planned_start",
            "planned_end",
            "status",
            "started_at",
            "completed_at",
            "conclusion_en",
            "conclusion_zh",
            "follow_up_of",
            "findings",
        ]
        read_only_fields = [
            "id",
            "organization",
            "number",
            "status",
            "started_at",
            "completed_at",
            "conclusion_en",
            "conclusion_zh",
            "follow_up_of",
        ]

    def get_fields(self) -> dict[str, Any]:
        fields = _scoped(self, super().get_fields(), site=Site, programme=AuditProgramme)
        request = self.context.get("request")
        if request is not None and "auditor" in fields:
            from fuwu.core.models import Organization

            fields["auditor"].queryset = User.objects.filter(
                memberships__organization__in=Organization.objects.for_user(request.user).values(
                    "pk"
                ),
                memberships__is_active=True,
            ).distinct()
        return fields


class CompleteAuditSerializer(serializers.Serializer):
    conclusion_en = serializers.CharField(required=False, allow_blank=True, default="")
    conclusion_zh = serializers.CharField(required=False, allow_blank=True, default="")


class ChecklistRowSerializer(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    evidence = serializers.ListField(child=serializers.DictField())
    findings = serializers.ListField(child=serializers.IntegerField())


class AnalysisReviewSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True
    )
    nonconformities = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), many=True, required=False
    )
    actions = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), many=True, required=False
    )
    reviewed_on = serializers.DateField(required=False)

    class Meta:
        model = AnalysisReview
        fields = [
            "id",
            "organization",
            "number",
            "period_start",
            "period_end",
            "site",
            "reviewed_on",
            "reviewed_by",
            "notes_en",
            "notes_zh",
            "conclusions_en",
            "conclusions_zh",
            "decisions_en",
            "decisions_zh",
            "nonconformities",
            "actions",
            "created_at",
        ]
        read_only_fields = ["id", "organization", "number", "reviewed_by", "created_at"]

    def get_fields(self) -> dict[str, Any]:
        from fuwu.improvement.models import Action, Nonconformity

        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["site"].queryset = Site.objects.for_user(request.user)
            fields["nonconformities"].child_relation.queryset = Nonconformity.objects.for_user(
                request.user
            )
            fields["actions"].child_relation.queryset = Action.objects.for_user(request.user)
        return fields
