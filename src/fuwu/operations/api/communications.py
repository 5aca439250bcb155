"""`/api/v1/communications/`: the communication log over REST (4.4.4), with the same
FilterSet and services as the pages: log, correct, answer an enquiry (409 for one
that is no enquiry or answered already), erase the customer's reference."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from ..filtersets import CommunicationFilterSet
from ..models import Channel, Communication, Purpose
from ..services import communications as services


class CommunicationSerializer(serializers.ModelSerializer):
    purpose = NamedChoiceField(choices=Purpose.choices, enum_name="CommunicationPurposeEnum")
    channel = NamedChoiceField(
        choices=Channel.choices, default=Channel.IN_PERSON, enum_name="RequestChannelEnum"
    )
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), required=False, allow_null=True
    )
    consent = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        label=_("The customer agreed that their reference is kept"),
    )
    response_minutes = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Communication
        fields = [
            "id",
            "organization",
            "purpose",
            "channel",
            "site",
            "contact_point",
            "occurred_at",
            "answered_at",
            "response_minutes",
            "summary_en",
            "summary_zh",
            "customer_reference",
            "consent",
            "consented_at",
            "reference_erased_at",
            "logged_by",
            "created_at",
        ]
        read_only_fields = [
            "organization",
            "consented_at",
            "reference_erased_at",
            "logged_by",
            "created_at",
        ]
        extra_kwargs = {"occurred_at": {"required": False}}

    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["site"].queryset = Site.objects.for_user(request.user)
            fields["contact_point"].queryset = ContactPoint.objects.for_user(request.user)
        return fields


class AnswerSerializer(serializers.Serializer):
    answered_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


WRITABLE = (
    "purpose",
    "channel",
    "site",
    "contact_point",
    "occurred_at",
    "answered_at",
    "summary_en",
    "summary_zh",
    "customer_reference",
    "consent",
)
CORRECTABLE = (
    "purpose",
    "channel",
    "contact_point",
    "occurred_at",
    "answered_at",
    "summary_en",
    "summary_zh",
)


class CommunicationViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """What the organization told, taught, answered or asked its customers, by purpose,
    channel and contact point, with the response time of each answered enquiry."""

    serializer_class = CommunicationSerializer
    filterset_class = CommunicationFilterSet
    ordering_fields = ["occurred_at", "purpose", "channel", "answered_at"]

    def get_queryset(self) -> QuerySet:
        qs = Communication.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs).order_by("organization_id", "-occurred_at", "-pk")

    def perform_create(self, serializer: CommunicationSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in WRITABLE}
        serializer.instance = services.communication_log(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def perform_update(self, serializer: CommunicationSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in CORRECTABLE}
        serializer.instance = services.communication_update(
            actor=self.request.user, communication=serializer.instance, **data
        )

    def _answer(self, record: Communication) -> Response:
        record = self.get_queryset().get(pk=record.pk)
        return Response(CommunicationSerializer(record, context=self.get_serializer_context()).data)

    @extend_schema(request=AnswerSerializer, responses=CommunicationSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """Record that the enquiry was answered (now, or at `answered_at`); 409 for a
        communication that is no enquiry or was answered already."""
        body = AnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = services.communication_answer(
            actor=request.user, communication=self.get_object(), **body.validated_data
        )
        return self._answer(record)

    @extend_schema(request=None, responses=CommunicationSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        """Erase the customer's reference; the communication and the erasure stay."""
        record = services.communication_erase_reference(
            actor=request.user, communication=self.get_object()
        )
        return self._answer(record)
