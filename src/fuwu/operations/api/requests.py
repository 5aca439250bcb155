"""`/api/v1/requests/`: requests, enquiries, complaints and compliments over REST,
with the same FilterSet and services as the pages, and their transitions: the steps
(acknowledge, assess, investigate, respond, decide), transfer, close with the
customer's confirmation, erase the customer's identity. A step the status does not
allow answers 409."""

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
from fuwu.core.models import Site, User
from fuwu.design.models import ContactPoint

from ..filtersets import CustomerRequestFilterSet
from ..models import (
    Channel,
    Confirmation,
    CustomerRequest,
    EventKind,
    Priority,
    RequestEvent,
    RequestKind,
    RequestStatus,
)
from ..services import requests as services


class RequestEventSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(choices=EventKind.choices, read_only=True, enum_name="RequestEventEnum")

    class Meta:
        model = RequestEvent
        fields = ["kind", "at", "actor", "from_user", "to_user", "note_en", "note_zh"]
        read_only_fields = fields


class CustomerRequestSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(choices=RequestKind.choices, enum_name="RequestKindEnum")
    priority = NamedChoiceField(
        choices=Priority.choices, default=Priority.NORMAL, enum_name="RequestPriorityEnum"
    )
    channel = NamedChoiceField(
        choices=Channel.choices, default=Channel.IN_PERSON, enum_name="RequestChannelEnum"
    )
    status = NamedChoiceField(
        choices=RequestStatus.choices, read_only=True, enum_name="RequestStatusEnum"
    )
    confirmation = NamedChoiceField(
        choices=Confirmation.choices, read_only=True, enum_name="RequestConfirmationEnum"
    )
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), required=False, allow_null=True
    )
    consent = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        label=_("The customer agreed that their identity is kept for the purpose given"),
    )
    events = RequestEventSerializer(many=True, read_only=True)

    class Meta:
        model = CustomerRequest
        fields = [
            "id",
            "organization",
            "number",
            "kind",
            "priority",
            "channel",
            "site",
            "contact_point",
            "received_at",
            "summary_en",
            "summary_zh",
            "immediate_action_en",
            "immediate_action_zh",
            "met_at_once",
            "customer_told_at_once",
            "customer_name",
            "customer_contact",
            "consent",
            "consent_purpose",
            "consented_at",
            "identity_erased_at",
            "first_owner",
            "handler",
            "status",
            "response_due_at",
            "resolution_due_at",
            "first_response_at",
            "escalated_at",
            "escalated_to",
            "assessment_en",
            "assessment_zh",
            "findings_en",
            "findings_zh",
            "response_en",
            "response_zh",
            "responded_at",
            "decision_en",
            "decision_zh",
            "decided_at",
            "closed_at",
            "closed_by",
            "confirmation",
            "resolved",
            "closure_note_en",
            "closure_note_zh",
            "nonconformity",
            "events",
        ]
        read_only_fields = [
            "organization",
            "number",
            "consented_at",
            "identity_erased_at",
            "first_owner",
            "handler",
            "response_due_at",
            "resolution_due_at",
            "first_response_at",
            "escalated_at",
            "escalated_to",
            "assessment_en",
            "assessment_zh",
            "findings_en",
            "findings_zh",
            "response_en",
            "response_zh",
            "responded_at",
            "decision_en",
            "decision_zh",
            "decided_at",
            "closed_at",
            "closed_by",
            "resolved",
            "closure_note_en",
            "closure_note_zh",
            "nonconformity",
        ]
        extra_kwargs = {"received_at": {"required": False}}

    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["site"].queryset = Site.objects.for_user(request.user)
            fields["contact_point"].queryset = ContactPoint.objects.for_user(request.user)
        return fields


class StepSerializer(serializers.Serializer):
    text_en = serializers.CharField(required=False, allow_blank=True, default="")
    text_zh = serializers.CharField(required=False, allow_blank=True, default="")


class AssessSerializer(StepSerializer):
    priority = NamedChoiceField(
        choices=Priority.choices, required=False, allow_blank=True, enum_name="RequestPriorityEnum"
    )


class TransferSerializer(serializers.Serializer):
    to = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    reason_en = serializers.CharField(required=False, allow_blank=True, default="")
    reason_zh = serializers.CharField(required=False, allow_blank=True, default="")


class CloseSerializer(serializers.Serializer):
    confirmation = NamedChoiceField(
        choices=Confirmation.choices,
        required=False,
        allow_blank=True,
        default="",
        enum_name="RequestConfirmationEnum",
    )
    resolved = serializers.BooleanField(required=False, default=True)
    note_en = serializers.CharField(required=False, allow_blank=True, default="")
    note_zh = serializers.CharField(required=False, allow_blank=True, default="")


WRITABLE = (
    "kind",
    "priority",
    "channel",
    "site",
    "contact_point",
    "received_at",
    "summary_en",
    "summary_zh",
    "immediate_action_en",
    "immediate_action_zh",
    "met_at_once",
    "customer_told_at_once",
    "customer_name",
    "customer_contact",
    "consent",
    "consent_purpose",
)


class CustomerRequestViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Requests, enquiries, complaints and compliments. Logged here, the caller is the
    first owner and stays so until closure, whatever transfers follow."""

    serializer_class = CustomerRequestSerializer
    filterset_class = CustomerRequestFilterSet
    ordering_fields = ["number", "received_at", "priority", "status", "resolution_due_at"]

    def get_queryset(self) -> QuerySet:
        qs = CustomerRequest.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs.prefetch_related("events")).order_by(
            "organization_id", "-received_at", "-pk"
        )

    def perform_create(self, serializer: CustomerRequestSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in WRITABLE}
        serializer.instance = services.request_log(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def _answer(self, record: CustomerRequest) -> Response:
        record = self.get_queryset().get(pk=record.pk)
        return Response(
            CustomerRequestSerializer(record, context=self.get_serializer_context()).data
        )

    def _step(self, request: Request, step: str, body_class: type = StepSerializer) -> Response:
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        record = services.request_step(
            actor=request.user, request=self.get_object(), step=step, **body.validated_data
        )
        return self._answer(record)

    @extend_schema(request=StepSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """A complaint: tell the customer it was received (409 unless received)."""
        return self._step(request, "acknowledge")

    @extend_schema(request=AssessSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request: Request, pk: str | None = None) -> Response:
        """A complaint: assess it (text; may set the priority, which moves the resolution
        target)."""
        return self._step(request, "assess", AssessSerializer)

    @extend_schema(request=StepSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def investigate(self, request: Request, pk: str | None = None) -> Response:
        """A complaint: record what the investigation found."""
        return self._step(request, "investigate")

    @extend_schema(request=StepSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str | None = None) -> Response:
        """Record the response to the customer: a request, enquiry or compliment once
        received; a complaint once investigated (409 otherwise)."""
        return self._step(request, "respond")

    @extend_schema(request=StepSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """A complaint: the decision communicated to the customer."""
        return self._step(request, "decide")

    @extend_schema(request=TransferSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: str | None = None) -> Response:
        """Hand the work to someone who handles requests at its site, with a reason; the
        first owner stays."""
        body = TransferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = services.request_transfer(
            actor=request.user, request=self.get_object(), **body.validated_data
        )
        return self._answer(record)

    @extend_schema(request=CloseSerializer, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close with the customer's confirmation (a complaint needs it, once its decision
        is communicated; 409 otherwise). A complaint closed unresolved or with the customer
        not satisfied raises a nonconformity with a remedial action."""
        body = CloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = services.request_close(
            actor=request.user, request=self.get_object(), **body.validated_data
        )
        return self._answer(record)

    @extend_schema(request=None, responses=CustomerRequestSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        """Erase the customer's name and contact; the record and the erasure stay."""
        record = services.request_erase_identity(actor=request.user, request=self.get_object())
        return self._answer(record)
