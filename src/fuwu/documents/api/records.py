"""Record types over REST (4.6.4): which records the organization keeps, how long,
and how they are disposed of. Writes go through the record services, so the rules
of the register page hold here too (one type per kind of record; a type whose
records were disposed of stays as their evidence: 409)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.exceptions import Conflict
from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.errors import conflict_message

from .. import retention, services
from ..filtersets import RecordTypeFilterSet
from ..models import DisposalMethod, RecordType


class RecordTypeSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(read_only=True)
    model_label = serializers.ChoiceField(
        choices=sorted(retention.KINDS),
        help_text="The kind of records it covers, e.g. core.auditentry; fixed once created.",
    )
    disposal_method = serializers.ChoiceField(choices=DisposalMethod.choices, required=False)

    class Meta:
        model = RecordType
        fields = [
            "id",
            "organization",
            "name_en",
            "name_zh",
            "model_label",
            "retention_months",
            "disposal_method",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "created_at", "updated_at"]

    def validate_model_label(self, value: str) -> str:
        if self.instance is not None and value != self.instance.model_label:
            raise serializers.ValidationError(
                _("A record type keeps the kind of records it was made for; add a new one.")
            )
        return value


class RecordTypeViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The organization's record types with their retention periods."""

    serializer_class = RecordTypeSerializer
    filterset_class = RecordTypeFilterSet
    ordering_fields = ["name_en", "model_label", "retention_months"]

    def get_queryset(self) -> QuerySet:
        qs = RecordType.objects.for_user(self.request.user)
        return self.scope(qs).order_by("organization_id", "name_en", "pk")

    def perform_create(self, serializer: RecordTypeSerializer) -> None:
        serializer.instance = services.record_type_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            data=serializer.validated_data,
        )

    def perform_update(self, serializer: RecordTypeSerializer) -> None:
        serializer.instance = services.record_type_update(
            actor=self.request.user,
            record_type=serializer.instance,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance: RecordType) -> None:
        try:
            services.record_type_delete(actor=self.request.user, record_type=instance)
        except DjangoValidationError as exc:
            raise Conflict(conflict_message(exc)) from exc

    @extend_schema(request=None, responses=RecordTypeSerializer(many=True))
    @action(detail=False, methods=["post"])
    def defaults(self, request: Request) -> Response:
        """Add the default record types the organization does not have yet."""
        created = services.record_types_seed(
            actor=request.user, organization=target_organization(request)
        )
        return Response(
            RecordTypeSerializer(created, many=True).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
