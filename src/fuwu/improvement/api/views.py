"""`/api/v1/nonconformities/` and `/api/v1/actions/`: the registers over REST with the
same FilterSets and services as the pages, and their transitions (close, cause,
disposition; complete, verify). A state that forbids the transition answers 409."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.views import OrganizationScopedMixin, target_organization

from ..filtersets import ActionFilterSet, NonconformityFilterSet
from ..models import Action, Nonconformity
from ..services import actions as action_services
from ..services import nonconformities as nc_services
from .serializers import (
    ActionSerializer,
    ActionUpdateSerializer,
    CauseSerializer,
    CompleteSerializer,
    DispositionSerializer,
    NonconformitySerializer,
    VerifySerializer,
    owners_for,
)

WRITABLE = nc_services.EDITABLE


class NonconformityViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Nonconformities from every source. Created here they are manual entries; other
    apps raise theirs through `raise_nonconformity()` with their source."""

    serializer_class = NonconformitySerializer
    filterset_class = NonconformityFilterSet
    ordering_fields = ["number", "detected_at", "severity", "status"]

    def get_queryset(self) -> QuerySet:
        qs = Nonconformity.objects.for_user(self.request.user).select_related("organization")
        return self.scope(qs.prefetch_related("actions")).order_by(
            "organization_id", "-detected_at", "-pk"
        )

    def perform_create(self, serializer: NonconformitySerializer) -> None:
        data = {"description_en": ""} | {
            k: v for k, v in serializer.validated_data.items() if k in WRITABLE
        }
        serializer.instance = nc_services.raise_nonconformity(
            actor=self.request.user,
            organization=target_organization(self.request),
            source="manual",
            **data,
        )

    def perform_update(self, serializer: NonconformitySerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in WRITABLE}
        serializer.instance = nc_services.nonconformity_update(
            actor=self.request.user, nonconformity=serializer.instance, data=data
        )

    def _answer(self, nc: Nonconformity) -> Response:
        nc = self.get_queryset().get(pk=nc.pk)
        return Response(NonconformitySerializer(nc, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=NonconformitySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close it: 409 unless its disposition is recorded, no action is open and its
        corrective actions are verified effective."""
        nc = nc_services.nonconformity_close(actor=request.user, nonconformity=self.get_object())
        return self._answer(nc)

    @extend_schema(request=CauseSerializer, responses=NonconformitySerializer)
    @action(detail=True, methods=["post"])
    def cause(self, request: Request, pk: str | None = None) -> Response:
        """Record the cause analysis: category, five whys (one per line), root cause."""
        body = CauseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        nc = nc_services.nonconformity_analyse(
            actor=request.user, nonconformity=self.get_object(), **body.validated_data
        )
        return self._answer(nc)

    @extend_schema(request=DispositionSerializer, responses=NonconformitySerializer)
    @action(detail=True, methods=["post"])
    def disposition(self, request: Request, pk: str | None = None) -> Response:
        """Record the disposition and whether the customer was informed."""
        body = DispositionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        nc = nc_services.nonconformity_dispose(
            actor=request.user, nonconformity=self.get_object(), **body.validated_data
        )
        return self._answer(nc)


class ActionViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Remedial, corrective and preventive actions."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilterSet
    ordering_fields = ["number", "due_on", "status", "kind"]

    def get_queryset(self) -> QuerySet:
        qs = Action.objects.for_user(self.request.user).prefetch_related("verifications")
        return self.scope(qs).order_by("organization_id", "due_on", "pk")

    def get_serializer_class(self) -> type:
        if self.action in ("update", "partial_update"):
            return ActionUpdateSerializer
        return ActionSerializer

    def perform_create(self, serializer: ActionSerializer) -> None:
        serializer.instance = action_services.action_plan(
            actor=self.request.user,
            organization=target_organization(self.request),
            **serializer.validated_data,
        )

    @extend_schema(request=ActionUpdateSerializer, responses=ActionSerializer)
    def update(self, request: Request, *args: object, **kwargs: object) -> Response:
        partial = kwargs.pop("partial", False)
        body = ActionUpdateSerializer(data=request.data, partial=partial)
        body.fields["owner"].queryset = owners_for(request.user)
        body.is_valid(raise_exception=True)
        done = action_services.action_update(
            actor=request.user, action=self.get_object(), data=body.validated_data
        )
        return self._answer(done)

    def _answer(self, done: Action) -> Response:
        done = self.get_queryset().get(pk=done.pk)
        return Response(ActionSerializer(done, context=self.get_serializer_context()).data)

    @extend_schema(request=CompleteSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        """The owner (or a planner) records it done with its evidence."""
        body = CompleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        done = action_services.action_complete(
            actor=request.user, action=self.get_object(), **body.validated_data
        )
        return self._answer(done)

    @extend_schema(request=VerifySerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        """Verify effectiveness (someone other than the owner, once the waiting time is
        over): `effective` true closes the action's work, false reopens it."""
        body = VerifySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        target = self.get_object()
        action_services.action_verify(actor=request.user, action=target, **body.validated_data)
        return self._answer(target)
