"""`/api/v1/property/`: the custody register of customer property over REST (4.4.7),
with the same FilterSet and services as the pages, and its transitions: return,
report a loss or damage (which raises a nonconformity), inform the customer, erase
the owner's identity. A transition the item's state does not allow answers 409."""

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

from ..filtersets import PropertyItemFilterSet
from ..models import Channel, PropertyItem, PropertyStatus
from ..services import property as services


class PropertyItemSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(
        choices=PropertyStatus.choices, read_only=True, enum_name="PropertyStatusEnum"
    )
    customer_informed_how = NamedChoiceField(
        choices=Channel.choices, read_only=True, enum_name="RequestChannelEnum"
    )
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), required=False, allow_null=True
    )
    consent = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        label=_("The owner agreed that their identity is kept for the purpose given"),
    )
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = PropertyItem
        fields = [
            "id",
            "organization",
            "number",
            "description_en",
            "description_zh",
            "site",
            "contact_point",
            "received_at",
            "received_by",
            "condition_en",
            "condition_zh",
            "storage_location",
            "expected_return_on",
            "is_overdue",
            "overdue_flagged_at",
            "owner_name",
            "owner_contact",
            "consent",
            "consent_purpose",
            "consented_at",
            "identity_erased_at",
            "status",
            "returned_at",
            "returned_to",
            "returned_by",
            "incident_at",
            "incident_en",
            "incident_zh",
            "reported_by",
            "customer_informed_at",
            "customer_informed_how",
            "nonconformity",
        ]
        read_only_fields = [
            "organization",
            "number",
            "received_by",
            "overdue_flagged_at",
            "consented_at",
            "identity_erased_at",
            "returned_at",
            "returned_to",
            "returned_by",
            "incident_at",
            "incident_en",
            "incident_zh",
            "reported_by",
            "customer_informed_at",
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


class ReturnSerializer(serializers.Serializer):
    returned_to = serializers.CharField(max_length=120)
    returned_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ReportSerializer(serializers.Serializer):
    kind = NamedChoiceField(
        choices=[
            (PropertyStatus.LOST, PropertyStatus.LOST.label),
            (PropertyStatus.DAMAGED, PropertyStatus.DAMAGED.label),
        ],
        enum_name="PropertyIncidentEnum",
    )
    incident_en = serializers.CharField(required=False, allow_blank=True, default="")
    incident_zh = serializers.CharField(required=False, allow_blank=True, default="")
    found_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    customer_informed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    customer_informed_how = NamedChoiceField(
        choices=Channel.choices,
        required=False,
        allow_blank=True,
        default="",
        enum_name="RequestChannelEnum",
    )


class InformSerializer(serializers.Serializer):
    customer_informed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    customer_informed_how = NamedChoiceField(
        choices=Channel.choices, enum_name="RequestChannelEnum"
    )


WRITABLE = (
    "description_en",
    "description_zh",
    "site",
    "contact_point",
    "received_at",
    "condition_en",
    "condition_zh",
    "storage_location",
    "expected_return_on",
    "owner_name",
    "owner_contact",
    "consent",
    "consent_purpose",
)
CORRECTABLE = (
    "description_en",
    "description_zh",
    "contact_point",
    "condition_en",
    "condition_zh",
    "storage_location",
    "expected_return_on",
)


class PropertyItemViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Customer property in custody: received, kept, handed back, or lost or damaged
    (a nonconformity, and the customer told). A photo of the condition is attached on
    the item's page."""

    serializer_class = PropertyItemSerializer
    filterset_class = PropertyItemFilterSet
    ordering_fields = ["number", "received_at", "expected_return_on", "status"]

    def get_queryset(self) -> QuerySet:
        qs = PropertyItem.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs).order_by("organization_id", "-received_at", "-pk")

    def perform_create(self, serializer: PropertyItemSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in WRITABLE}
        serializer.instance = services.property_receive(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def perform_update(self, serializer: PropertyItemSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in CORRECTABLE}
        if "expected_return_on" not in data:
            data["expected_return_on"] = serializer.instance.expected_return_on
        serializer.instance = services.property_update(
            actor=self.request.user, item=serializer.instance, **data
        )

    def _answer(self, item: PropertyItem) -> Response:
        item = self.get_queryset().get(pk=item.pk)
        return Response(PropertyItemSerializer(item, context=self.get_serializer_context()).data)

    @extend_schema(request=ReturnSerializer, responses=PropertyItemSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_item(self, request: Request, pk: str | None = None) -> Response:
        """Hand the item back (to whom); 409 for one handed back already or lost."""
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = services.property_return(
            actor=request.user, item=self.get_object(), **body.validated_data
        )
        return self._answer(item)

    @extend_schema(request=ReportSerializer, responses=PropertyItemSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """Report the item lost or damaged (what happened; when and how the customer was
        told, now or later): raises a nonconformity. 409 unless it is in custody."""
        body = ReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = services.property_report(
            actor=request.user, item=self.get_object(), **body.validated_data
        )
        return self._answer(item)

    @extend_schema(request=InformSerializer, responses=PropertyItemSerializer)
    @action(detail=True, methods=["post"])
    def inform(self, request: Request, pk: str | None = None) -> Response:
        """Record when and how the customer was told of the loss or damage; 409 when
        nothing happened to the item or the customer was told already."""
        body = InformSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = services.property_inform(
            actor=request.user, item=self.get_object(), **body.validated_data
        )
        return self._answer(item)

    @extend_schema(request=None, responses=PropertyItemSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        """Erase the owner's name and contact; the item and the erasure stay."""
        item = services.property_erase_identity(actor=request.user, item=self.get_object())
        return self._answer(item)
