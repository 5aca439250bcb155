"""`/api/v1/handovers/`: shift hand-overs over REST, with the same FilterSet and services
as the pages: hand over (the open requests and the property in custody are assembled
from the data) and acknowledge (409 for the outgoing person or a second time)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from ..filtersets_handovers import HandoverFilterSet
from ..models import Handover
from ..services import handovers as services


class HandoverSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(
        queryset=ContactPoint.objects.none(), required=False, allow_null=True
    )
    is_acknowledged = serializers.BooleanField(read_only=True)

    class Meta:
        model = Handover
        fields = [
            "id",
            "organization",
            "number",
            "site",
            "contact_point",
            "handed_over_at",
            "outgoing",
            "notes_en",
            "notes_zh",
            "open_requests",
            "property_in_custody",
            "is_acknowledged",
            "acknowledged_at",
            "acknowledged_by",
            "flagged_at",
            "flagged_to",
        ]
        read_only_fields = [
            "organization",
            "number",
            "handed_over_at",
            "outgoing",
            "open_requests",
            "property_in_custody",
            "acknowledged_at",
            "acknowledged_by",
            "flagged_at",
            "flagged_to",
        ]

    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["site"].queryset = Site.objects.for_user(request.user)
            fields["contact_point"].queryset = ContactPoint.objects.for_user(request.user)
        return fields


WRITABLE = ("site", "contact_point", "notes_en", "notes_zh")


class HandoverViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Shift hand-overs at the reader's sites: handed over with the open requests and
    the property in custody as they stood, acknowledged by the incoming person, flagged
    to the site manager when nobody acknowledged them in time."""

    serializer_class = HandoverSerializer
    filterset_class = HandoverFilterSet
    ordering_fields = ["number", "handed_over_at", "acknowledged_at"]

    def get_queryset(self) -> QuerySet:
        qs = Handover.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs).order_by("organization_id", "-handed_over_at", "-pk")

    def perform_create(self, serializer: HandoverSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in WRITABLE}
        serializer.instance = services.handover_create(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    @extend_schema(request=None, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """The incoming person takes the shift over; 409 for the person who handed it
        over, and for a hand-over acknowledged already."""
        handover = services.handover_acknowledge(actor=request.user, handover=self.get_object())
        handover = self.get_queryset().get(pk=handover.pk)
        return Response(
            HandoverSerializer(handover, context=self.get_serializer_context()).data,
            status=status.HTTP_200_OK,
        )
