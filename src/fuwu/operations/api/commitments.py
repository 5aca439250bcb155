"""`/api/v1/requirements/` and `/api/v1/commitments/`: customer requirements with their
reviews and commitment (4.4.2), service commitments with their capability reviews,
activation and fulfilment (4.4.5) — the same FilterSets and services as the pages.
Committing a requirement without a review that allows it, and activating a commitment
without an approved capability review, answer 409 with the reason."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.models import Site, User
from fuwu.design.models import Characteristic, ContactPoint

from .. import fulfilment
from ..filtersets_commitments import CommitmentFilterSet, CustomerRequirementFilterSet
from ..models import (
    Channel,
    Commitment,
    CommitmentKind,
    CommitmentReview,
    CommitmentStatus,
    Comparison,
    CustomerRequirement,
    FulfilmentRecord,
    RequirementKind,
    RequirementReview,
    RequirementSource,
    RequirementStatus,
    ReviewDecision,
)
from ..services import commitments as commitment_services
from ..services import requirements as requirement_services

# -- requirements ------------------------------------------------------------------------


class RequirementReviewSerializer(serializers.ModelSerializer):
    decision = NamedChoiceField(choices=ReviewDecision.choices, enum_name="RequirementDecisionEnum")
    customer_told_how = NamedChoiceField(
        choices=Channel.choices,
        required=False,
        allow_blank=True,
        default="",
        enum_name="RequirementToldHowEnum",
    )

    class Meta:
        model = RequirementReview
        fields = [
            "id",
            "reviewer",
            "reviewed_at",
            "decision",
            "tangible_en",
            "tangible_zh",
            "intangible_en",
            "intangible_zh",
            "reasons_en",
            "reasons_zh",
            "customer_told_at",
            "customer_told_how",
            "customer_agreed",
        ]
        read_only_fields = ["id", "reviewer", "reviewed_at"]
        extra_kwargs = {
            name: {"required": False}
            for name in (
                "tangible_en",
                "tangible_zh",
                "intangible_en",
                "intangible_zh",
                "reasons_en",
                "reasons_zh",
                "customer_told_at",
                "customer_agreed",
            )
        }


class CustomerRequirementSerializer(serializers.ModelSerializer):
    source = NamedChoiceField(choices=RequirementSource.choices, enum_name="RequirementSourceEnum")
    kind = NamedChoiceField(choices=RequirementKind.choices, enum_name="RequirementKindEnum")
    status = NamedChoiceField(
        choices=RequirementStatus.choices, read_only=True, enum_name="RequirementStatusEnum"
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True
    )
    contact_points = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), many=True, required=False
    )
    characteristics = serializers.PrimaryKeyRelatedField(
        queryset=Characteristic.objects.none(), many=True, required=False
    )
    reviews = RequirementReviewSerializer(many=True, read_only=True)

    class Meta:
        model = CustomerRequirement
        fields = [
            "id",
            "organization",
            "number",
            "site",
            "source",
            "kind",
            "customer_en",
            "customer_zh",
            "text_en",
            "text_zh",
            "reference",
            "received_on",
            "contact_points",
            "characteristics",
            "recorded_by",
            "status",
            "committed_at",
            "committed_by",
            "reviews",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "organization",
            "number",
            "recorded_by",
            "committed_at",
            "committed_by",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"received_on": {"required": False}}

    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["site"].queryset = Site.objects.for_user(request.user)
            fields["contact_points"].child_relation.queryset = ContactPoint.objects.for_user(
                request.user
            )
            fields["characteristics"].child_relation.queryset = Characteristic.objects.for_user(
                request.user
            )
        return fields


REQUIREMENT_WRITABLE = requirement_services.EDITABLE


class CustomerRequirementViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Customer requirements (4.4.2): recorded, reviewed before commitment, committed."""

    serializer_class = CustomerRequirementSerializer
    filterset_class = CustomerRequirementFilterSet
    ordering_fields = ["number", "received_on", "status", "source", "kind"]

    def get_queryset(self) -> QuerySet:
        qs = CustomerRequirement.objects.for_user(self.request.user)
        qs = qs.prefetch_related("contact_points", "characteristics", "reviews")
        return self.scope(qs).order_by("organization_id", "-received_on", "-pk")

    def perform_create(self, serializer: CustomerRequirementSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in REQUIREMENT_WRITABLE}
        serializer.instance = requirement_services.requirement_record(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def perform_update(self, serializer: CustomerRequirementSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in REQUIREMENT_WRITABLE}
        serializer.instance = requirement_services.requirement_update(
            actor=self.request.user, requirement=serializer.instance, data=data
        )

    def _answer(self, record: CustomerRequirement, code: int = status.HTTP_200_OK) -> Response:
        record = self.get_queryset().get(pk=record.pk)
        return Response(
            CustomerRequirementSerializer(record, context=self.get_serializer_context()).data,
            status=code,
        )

    @extend_schema(request=RequirementReviewSerializer, responses=CustomerRequirementSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Review before commitment: the capability against the tangible and intangible
        characteristics, the decision, when and how the customer was told."""
        body = RequirementReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = self.get_object()
        requirement_services.requirement_review(
            actor=request.user, requirement=record, **body.validated_data
        )
        return self._answer(record, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CustomerRequirementSerializer)
    @action(detail=True, methods=["post"])
    def commit(self, request: Request, pk: str | None = None) -> Response:
        """Mark committed: 409 unless its latest review allows it."""
        record = requirement_services.requirement_commit(
            actor=request.user, requirement=self.get_object()
        )
        return self._answer(record)


# -- commitments -------------------------------------------------------------------------


class CommitmentReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitmentReview
        fields = [
            "id",
            "reviewer",
            "reviewed_at",
            "approved",
            "tangible_en",
            "tangible_zh",
            "intangible_en",
            "intangible_zh",
            "note_en",
            "note_zh",
        ]
        read_only_fields = ["id", "reviewer", "reviewed_at"]
        extra_kwargs = {
            name: {"required": False}
            for name in (
                "tangible_en",
                "tangible_zh",
                "intangible_en",
                "intangible_zh",
                "note_en",
                "note_zh",
            )
        }


class FulfilmentSerializer(serializers.ModelSerializer):
    delivered = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True, write_only=True
    )

    class Meta:
        model = FulfilmentRecord
        fields = [
            "id",
            "period_start",
            "period_end",
            "target",
            "delivered",
            "sample_size",
            "kept",
            "source",
            "recorded_by",
            "recorded_at",
            "note_en",
            "note_zh",
            "nonconformity",
            "site",
        ]
        read_only_fields = [
            "id",
            "target",
            "kept",
            "source",
            "recorded_by",
            "recorded_at",
            "nonconformity",
        ]
        extra_kwargs = {"note_en": {"required": False}, "note_zh": {"required": False}}

    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["site"].queryset = Site.objects.for_user(request.user)
        return fields


class CommitmentSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(choices=CommitmentKind.choices, enum_name="CommitmentKindEnum")
    status = NamedChoiceField(
        choices=CommitmentStatus.choices, read_only=True, enum_name="CommitmentStatusEnum"
    )
    comparison = NamedChoiceField(
        choices=Comparison.choices,
        default=Comparison.AT_LEAST,
        enum_name="CommitmentComparisonEnum",
    )
    fulfilment_source = serializers.CharField(
        required=False,
        default=fulfilment.MANUAL,
        help_text="manual, evaluation_mean, evaluation_csat, or a source another capability "
        "registered (GET /api/v1/commitments/ lists what each commitment uses)",
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(), required=False, allow_null=True
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    requirement = serializers.PrimaryKeyRelatedField(
        queryset=CustomerRequirement.objects.none(), required=False, allow_null=True
    )
    contact_point = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), required=False, allow_null=True
    )
    characteristic = serializers.PrimaryKeyRelatedField(
        queryset=Characteristic.objects.none(), required=False, allow_null=True
    )
    reviews = CommitmentReviewSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "organization",
            "number",
            "kind",
            "site",
            "promise_en",
            "promise_zh",
            "criterion_en",
            "criterion_zh",
            "comparison",
            "target",
            "unit",
            "published_where_en",
            "published_where_zh",
            "owner",
            "requirement",
            "contact_point",
            "characteristic",
            "fulfilment_source",
            "status",
            "activated_at",
            "activated_by",
            "withdrawn_at",
            "revised_at",
            "reviews",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "organization",
            "number",
            "activated_at",
            "activated_by",
            "withdrawn_at",
            "revised_at",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            user = request.user
            fields["site"].queryset = Site.objects.for_user(user)
            fields["requirement"].queryset = CustomerRequirement.objects.for_user(user)
            fields["contact_point"].queryset = ContactPoint.objects.for_user(user)
            fields["characteristic"].queryset = Characteristic.objects.for_user(user)
        return fields


class CommitmentViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Service commitments (4.4.5): drafted, reviewed for capability, activated (or
    published) only with an approved review, their fulfilment measured per period."""

    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilterSet
    ordering_fields = ["number", "status", "kind", "activated_at"]

    def get_queryset(self) -> QuerySet:
        qs = Commitment.objects.for_user(self.request.user).prefetch_related("reviews")
        return self.scope(qs).order_by("organization_id", "-pk")

    def perform_create(self, serializer: CommitmentSerializer) -> None:
        data = {
            k: v for k, v in serializer.validated_data.items() if k in commitment_services.EDITABLE
        }
        serializer.instance = commitment_services.commitment_create(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def perform_update(self, serializer: CommitmentSerializer) -> None:
        data = {
            k: v for k, v in serializer.validated_data.items() if k in commitment_services.EDITABLE
        }
        serializer.instance = commitment_services.commitment_update(
            actor=self.request.user, commitment=serializer.instance, data=data
        )

    def _answer(self, record: Commitment, code: int = status.HTTP_200_OK) -> Response:
        record = self.get_queryset().get(pk=record.pk)
        return Response(
            CommitmentSerializer(record, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=CommitmentReviewSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """The capability review: can the tangible and intangible characteristics keep
        it? `approved` true or false (false needs a note)."""
        body = CommitmentReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = self.get_object()
        commitment_services.commitment_review(
            actor=request.user, commitment=record, **body.validated_data
        )
        return self._answer(record, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str | None = None) -> Response:
        """Put in force (`active`, or `published` for a published promise): 409 without an
        approved capability review since the promise last changed."""
        record = commitment_services.commitment_activate(
            actor=request.user, commitment=self.get_object()
        )
        return self._answer(record)

    @extend_schema(request=None, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw the commitment; it stays on record."""
        record = commitment_services.commitment_withdraw(
            actor=request.user, commitment=self.get_object()
        )
        return self._answer(record)

    @extend_schema(methods=["get"], request=None, responses=FulfilmentSerializer(many=True))
    @extend_schema(methods=["post"], request=FulfilmentSerializer, responses=FulfilmentSerializer)
    @action(detail=True, methods=["get", "post"])
    def fulfilment(self, request: Request, pk: str | None = None) -> Response:
        """GET: promised vs delivered per period, the oldest first. POST: record a period
        (`delivered` empty: measured from Fuwu's data where the source can); a period
        below the promise raises a nonconformity (`nonconformity`)."""
        record = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            rows = record.fulfilment.order_by("period_start", "pk")
            return Response(FulfilmentSerializer(rows, many=True, context=context).data)
        body = FulfilmentSerializer(data=request.data, context=context)
        body.is_valid(raise_exception=True)
        entry = commitment_services.fulfilment_record(
            actor=request.user, commitment=record, **body.validated_data
        )
        return Response(
            FulfilmentSerializer(entry, context=context).data, status=status.HTTP_201_CREATED
        )
