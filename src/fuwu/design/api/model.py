"""The organization's shape of the contact process and of the characteristic model:

- `/api/v1/contact-process/stages/`: the three stages of 4.4.1 with their activities.
- `/api/v1/contact-process/activities/`: the activities, one by one.
- `/api/v1/characteristics/`: the eight characteristics with their indicators (rename).
- `/api/v1/indicators/`: the customers' indicators, one by one.

Every member reads them; `design.manage_model` writes them (the services check).
"""

from __future__ import annotations

import django_filters as df
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.filtersets import FilterSet, YesNoFilter

from .. import selectors, services
from ..models import (
    STAGE_CLAUSES,
    Characteristic,
    CharacteristicKey,
    ContactActivity,
    Indicator,
    Kind,
    Stage,
)
from .common import ORGANIZATION, STAGE_RANK, readable_organization

# -- contact process -------------------------------------------------------------------


class ContactActivitySerializer(serializers.ModelSerializer):
    stage = NamedChoiceField(choices=Stage.choices, label=_("Stage"), enum_name="StageEnum")

    class Meta:
        model = ContactActivity
        fields = [
            "id",
            "organization",
            "stage",
            "name_en",
            "name_zh",
            "description_en",
            "description_zh",
            "order",
            "standard_key",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "standard_key", "created_at", "updated_at"]
        extra_kwargs = {
            "standard_key": {"help_text": _("Set for the activities the standard lists.")}
        }


class ContactStageSerializer(serializers.Serializer):
    key = NamedChoiceField(choices=Stage.choices, read_only=True, enum_name="StageEnum")
    label = serializers.CharField(read_only=True, label=_("Stage"))
    clause = serializers.CharField(read_only=True, label=_("Clause"))
    activities = ContactActivitySerializer(many=True, read_only=True)


class StagesView(APIView):
    """The three stages of the contact process (4.4.1 a to c), in the customer's
    order, each with its activities (retired ones too: see `is_active`)."""

    @extend_schema(parameters=[ORGANIZATION], responses=ContactStageSerializer(many=True))
    def get(self, request: Request) -> Response:
        activities = selectors.activities_by_stage(readable_organization(request))
        stages = [
            {
                "key": stage,
                "label": Stage(stage).label,
                "clause": STAGE_CLAUSES[stage],
                "activities": activities[stage],
            }
            for stage in Stage.values
        ]
        return Response(ContactStageSerializer(stages, many=True).data)


class ActivityFilterSet(FilterSet):
    stage = df.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    is_active = YesNoFilter(label=_("Active"))

    class Meta:
        model = ContactActivity
        fields = ["stage", "is_active"]


class ActivityViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    serializer_class = ContactActivitySerializer
    filterset_class = ActivityFilterSet
    ordering_fields = ["order", "name_en"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ContactActivity.objects.none()
        activities = ContactActivity.objects.for_user(self.request.user)
        return (
            self.scope(activities)
            .annotate(stage_rank=STAGE_RANK)
            .order_by("organization_id", "stage_rank", "order", "pk")
        )

    def perform_create(self, serializer: ContactActivitySerializer) -> None:
        serializer.instance = services.activity_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            data=serializer.validated_data,
        )

    def perform_update(self, serializer: ContactActivitySerializer) -> None:
        serializer.instance = services.activity_update(
            actor=self.request.user,
            activity=serializer.instance,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance: ContactActivity) -> None:
        services.activity_delete(actor=self.request.user, activity=instance)


# -- characteristic model ----------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    characteristic = serializers.PrimaryKeyRelatedField(
        queryset=Characteristic.objects.none(), label=_("Characteristic")
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "organization",
            "characteristic",
            "name_en",
            "name_zh",
            "order",
            "from_standard",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "from_standard", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            fields["characteristic"].queryset = Characteristic.objects.for_user(request.user)
        return fields


class CharacteristicIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "name_en", "name_zh", "order", "from_standard", "is_active"]
        read_only_fields = fields


class CharacteristicSerializer(serializers.ModelSerializer):
    key = NamedChoiceField(
        choices=CharacteristicKey.choices, read_only=True, enum_name="CharacteristicKeyEnum"
    )
    kind = NamedChoiceField(
        choices=Kind.choices, read_only=True, enum_name="CharacteristicKindEnum"
    )
    indicators = CharacteristicIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Characteristic
        fields = [
            "id",
            "organization",
            "key",
            "kind",
            "name_en",
            "name_zh",
            "order",
            "clause",
            "indicators",
        ]
        read_only_fields = ["id", "organization", "key", "kind", "order", "clause", "indicators"]


class CharacteristicViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The eight characteristics of 3.7, each with its indicators. Their key and kind
    are the standard's; the organization may rename them."""

    serializer_class = CharacteristicSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Characteristic.objects.none()
        characteristics = Characteristic.objects.for_user(self.request.user)
        return (
            self.scope(characteristics)
            .prefetch_related("indicators")
            .order_by("organization_id", "order", "pk")
        )

    def perform_update(self, serializer: CharacteristicSerializer) -> None:
        serializer.instance = services.characteristic_update(
            actor=self.request.user,
            characteristic=serializer.instance,
            data=serializer.validated_data,
        )


class IndicatorFilterSet(FilterSet):
    characteristic = df.NumberFilter(field_name="characteristic_id", label=_("Characteristic"))
    key = df.CharFilter(field_name="characteristic__key", label=_("Characteristic key"))
    is_active = YesNoFilter(label=_("Active"))

    class Meta:
        model = Indicator
        fields = ["characteristic", "key", "is_active"]


class IndicatorViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """Indicators: retire one (`is_active` false) once anything refers to it; deleting
    it then answers 400."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    ordering_fields = ["order", "name_en"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Indicator.objects.none()
        indicators = Indicator.objects.for_user(self.request.user).select_related("characteristic")
        return self.scope(indicators).order_by(
            "organization_id", "characteristic__order", "order", "pk"
        )

    def perform_create(self, serializer: IndicatorSerializer) -> None:
        # An indicator belongs to its characteristic's organization.
        characteristic = serializer.validated_data["characteristic"]
        serializer.instance = services.indicator_create(
            actor=self.request.user,
            organization=characteristic.organization,
            data=serializer.validated_data,
        )

    def perform_update(self, serializer: IndicatorSerializer) -> None:
        serializer.instance = services.indicator_update(
            actor=self.request.user,
            indicator=serializer.instance,
            data=serializer.validated_data,
        )

    def perform_destroy(self, instance: Indicator) -> None:
        services.indicator_delete(actor=self.request.user, indicator=instance)
