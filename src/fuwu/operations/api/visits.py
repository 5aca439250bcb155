"""`/api/v1/return-visits/` (4.4.8): the return visits over REST, with the same
FilterSet and services as the pages: plan a visit after a service ended (e.g. a
check-out), move it, assign it, perform it (the satisfaction answer becomes an
evaluation with channel "return visit"; a maintenance need a customer request).
A visit performed already answers 409. `/api/v1/return-visit-rules/`: the rules."""

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

from ..filtersets_visits import ReturnVisitFilterSet, ReturnVisitRuleFilterSet
from ..models import Channel, ReturnVisit, ReturnVisitRule, VisitStatus, VisitTrigger
from ..services import visits as services


class _Scoped(serializers.ModelSerializer):
    def get_fields(self) -> dict:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            for name, model in (("site", Site), ("contact_point", ContactPoint)):
                if name in fields and hasattr(fields[name], "queryset"):
                    fields[name].queryset = model.objects.for_user(request.user)
        return fields


class ReturnVisitSerializer(_Scoped):
    status = NamedChoiceField(
        choices=VisitStatus.choices, read_only=True, enum_name="ReturnVisitStatusEnum"
    )
    trigger = NamedChoiceField(
        choices=VisitTrigger.choices, read_only=True, enum_name="ReturnVisitTriggerEnum"
    )
    channel = NamedChoiceField(
        choices=Channel.choices, read_only=True, enum_name="RequestChannelEnum"
    )
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(queryset=ContactPoint.objects.none())
    consent = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        label=_("The customer agreed that their identity is kept for the purpose given"),
    )
    is_overdue = serializers.BooleanField(read_only=True)
    on_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = ReturnVisit
        fields = [
            "id",
            "organization",
            "number",
            "rule",
            "site",
            "contact_point",
            "trigger",
            "service_ended_at",
            "source_request",
            "source_property",
            "customer_reference",
            "customer_name",
            "customer_contact",
            "consent",
            "consent_purpose",
            "consented_at",
            "identity_erased_at",
            "due_on",
            "is_overdue",
            "overdue_flagged_at",
            "planned_by",
            "assigned_to",
            "status",
            "performed_at",
            "performed_by",
            "on_time",
            "channel",
            "outcome_en",
            "outcome_zh",
            "satisfaction",
            "evaluation",
            "maintenance_request",
        ]
        read_only_fields = [
            "organization",
            "number",
            "rule",
            "source_request",
            "source_property",
            "consented_at",
            "identity_erased_at",
            "overdue_flagged_at",
            "planned_by",
            "assigned_to",
            "performed_at",
            "performed_by",
            "outcome_en",
            "outcome_zh",
            "satisfaction",
            "evaluation",
            "maintenance_request",
        ]
        extra_kwargs = {"service_ended_at": {"required": False}, "due_on": {"required": False}}


class AssignSerializer(serializers.Serializer):
    assigned_to = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())


class PerformSerializer(serializers.Serializer):
    reached = serializers.BooleanField(default=True)
    channel = NamedChoiceField(
        choices=Channel.choices, default=Channel.PHONE, enum_name="RequestChannelEnum"
    )
    outcome_en = serializers.CharField(required=False, allow_blank=True, default="")
    outcome_zh = serializers.CharField(required=False, allow_blank=True, default="")
    satisfaction = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=5
    )
    maintenance_en = serializers.CharField(required=False, allow_blank=True, default="")
    maintenance_zh = serializers.CharField(required=False, allow_blank=True, default="")
    performed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.ChoiceField(choices=["en", "zh-hans"], default="en")


WRITABLE = (
    "site",
    "contact_point",
    "service_ended_at",
    "due_on",
    "customer_reference",
    "customer_name",
    "customer_contact",
    "consent",
    "consent_purpose",
)


class ReturnVisitViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Return visits: planned by the rules (or after a service ended, entered by
    staff), assigned, performed. `?overdue=true`, `?mine=true`, `?status=planned`."""

    serializer_class = ReturnVisitSerializer
    filterset_class = ReturnVisitFilterSet
    ordering_fields = ["number", "due_on", "performed_at", "status"]

    def get_queryset(self) -> QuerySet:
        qs = ReturnVisit.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs).order_by("organization_id", "due_on", "pk")

    def perform_create(self, serializer: ReturnVisitSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in WRITABLE}
        serializer.instance = services.visit_plan(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def perform_update(self, serializer: ReturnVisitSerializer) -> None:
        data = serializer.validated_data
        serializer.instance = services.visit_update(
            actor=self.request.user,
            visit=serializer.instance,
            due_on=data.get("due_on"),
            customer_reference=data.get("customer_reference"),
        )

    def _answer(self, visit: ReturnVisit) -> Response:
        visit = self.get_queryset().get(pk=visit.pk)
        return Response(ReturnVisitSerializer(visit, context=self.get_serializer_context()).data)

    @extend_schema(request=AssignSerializer, responses=ReturnVisitSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Give the visit to someone who performs visits at its site (site managers
        and above; anyone of the front line may assign it to themselves)."""
        body = AssignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        visit = services.visit_assign(
            actor=request.user, visit=self.get_object(), **body.validated_data
        )
        return self._answer(visit)

    @extend_schema(request=PerformSerializer, responses=ReturnVisitSerializer)
    @action(detail=True, methods=["post"])
    def perform(self, request: Request, pk: str | None = None) -> Response:
        """Record the visit: reached or not, how, the outcome, the satisfaction answer
        (1-5, stored as an evaluation with channel "return visit"), and maintenance the
        customer asks for (logged as a customer request). 409 once performed."""
        body = PerformSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        visit = services.visit_perform(
            actor=request.user, visit=self.get_object(), **body.validated_data
        )
        return self._answer(visit)

    @extend_schema(request=None, responses=ReturnVisitSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        """Erase the customer's name and contact; the visit and the erasure stay."""
        visit = services.visit_erase_identity(actor=request.user, visit=self.get_object())
        return self._answer(visit)


class ReturnVisitRuleSerializer(_Scoped):
    trigger = NamedChoiceField(choices=VisitTrigger.choices, enum_name="ReturnVisitTriggerEnum")
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.none())
    contact_point = serializers.PrimaryKeyRelatedField(queryset=ContactPoint.objects.none())

    class Meta:
        model = ReturnVisitRule
        fields = [
            "id",
            "organization",
            "site",
            "contact_point",
            "trigger",
            "days_after",
            "purpose_en",
            "purpose_zh",
            "is_active",
            "created_by",
        ]
        read_only_fields = ["organization", "created_by"]


class ReturnVisitRuleViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """When a return visit is due: so many days after a service event at a contact
    point of a site."""

    serializer_class = ReturnVisitRuleSerializer
    filterset_class = ReturnVisitRuleFilterSet
    ordering_fields = ["days_after", "trigger"]

    def get_queryset(self) -> QuerySet:
        qs = ReturnVisitRule.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs).order_by("organization_id", "pk")

    def perform_create(self, serializer: ReturnVisitRuleSerializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("is_active", None)
        serializer.instance = services.rule_create(
            actor=self.request.user, organization=target_organization(self.request), **data
        )

    def perform_update(self, serializer: ReturnVisitRuleSerializer) -> None:
        data = serializer.validated_data
        serializer.instance = services.rule_update(
            actor=self.request.user,
            rule=serializer.instance,
            **{
                k: data[k]
                for k in ("days_after", "purpose_en", "purpose_zh", "is_active")
                if k in data
            },
        )
