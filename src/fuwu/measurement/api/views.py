"""`/api/v1/inspections/` and `/api/v1/audits/`: the same selectors, permissions and
services as the pages. A state that forbids the write answers 409."""

from __future__ import annotations

from dataclasses import asdict

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.models import Organization
from fuwu.core.permissions import can

from .. import services
from ..checklist import checklist
from ..filtersets import AuditFilterSet, RoundFilterSet
from ..models import Audit, InspectionResult, InspectionRound
from .serializers import (
    AuditSerializer,
    ChecklistRowSerializer,
    CompleteAuditSerializer,
    CompleteRoundSerializer,
    FindingSerializer,
    RecordSerializer,
    ResultSerializer,
    RoundSerializer,
)


class RoundViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Inspection rounds. Creating one takes the contact point's approved control
    specification (and the site's approved addendum) at that moment."""

    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet
    ordering_fields = ["number", "due_on", "status"]

    def get_queryset(self) -> QuerySet:
        qs = InspectionRound.objects.for_user(self.request.user).prefetch_related("results")
        return self.scope(qs).order_by("organization_id", "-due_on", "-pk")

    def perform_create(self, serializer: RoundSerializer) -> None:
        data = serializer.validated_data
        serializer.instance = services.round_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            site=data["site"],
            contact_point=data["contact_point"],
            kind=data.get("kind", "inspection"),
        )

    def _answer(self, round: InspectionRound) -> Response:
        round = self.get_queryset().get(pk=round.pk)
        return Response(RoundSerializer(round, context=self.get_serializer_context()).data)

    @extend_schema(responses=ResultSerializer(many=True))
    @action(detail=True, methods=["get"])
    def items(self, request: Request, pk: str | None = None) -> Response:
        """The round's items, as approved when it was generated, and what was found."""
        round = self.get_object()
        rows = round.results.order_by("order", "pk")
        return Response(ResultSerializer(rows, many=True).data)

    @extend_schema(request=RecordSerializer, responses=ResultSerializer)
    @action(detail=True, methods=["post"], url_path=r"items/(?P<item_pk>\d+)")
    def record(
        self, request: Request, pk: str | None = None, item_pk: str | None = None
    ) -> Response:
        """Record one item: pass / fail / not_applicable, a measured value, a note, a photo."""
        round = self.get_object()
        result = get_object_or_404(InspectionResult, round=round, pk=item_pk)
        body = RecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        done = services.result_record(
            actor=request.user,
            result=result,
            outcome=body.validated_data.get("outcome", ""),
            measured_value=body.validated_data.get("measured_value"),
            note=body.validated_data.get("note", ""),
            photo=body.validated_data.get("photo"),
        )
        return Response(ResultSerializer(done).data)

    @extend_schema(request=CompleteRoundSerializer, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        """Complete the round: 400 while an item is unchecked, 409 once completed.
        Failed items raise nonconformities."""
        round = self.get_object()
        body = CompleteRoundSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.round_complete(actor=request.user, round=round, note=body.validated_data["note"])
        return self._answer(round)


class AuditViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Internal audits with their findings; the checklist per clause in scope."""

    serializer_class = AuditSerializer
    filterset_class = AuditFilterSet
    ordering_fields = ["number", "planned_start", "status"]

    def get_queryset(self) -> QuerySet:
        # As on the pages: audits are read with measurement.view_audits (staff do not).
        user = self.request.user
        allowed = [
            org.pk
            for org in Organization.objects.for_user(user)
            if can(user, org, "measurement.view_audits")
        ]
        qs = Audit.objects.for_user(user).filter(organization_id__in=allowed)
        qs = qs.prefetch_related("findings")
        return self.scope(qs).order_by("organization_id", "-planned_start", "-pk")

    def perform_create(self, serializer: AuditSerializer) -> None:
        data = serializer.validated_data
        serializer.instance = services.audit_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            programme=data["programme"],
            data=data,
        )

    def _answer(self, audit: Audit) -> Response:
        audit = self.get_queryset().get(pk=audit.pk)
        return Response(AuditSerializer(audit, context=self.get_serializer_context()).data)

    @extend_schema(responses=ChecklistRowSerializer(many=True))
    @action(detail=True, methods=["get"])
    def checklist(self, request: Request, pk: str | None = None) -> Response:
        """Each clause in scope: the conformity engine's status and evidence (as kept
        at completion, live before), and the ids of the findings on it."""
        audit = self.get_object()
        rows = [
            {
                "ref": row.ref,
                "title": row.title,
                "status": row.status,
                "evidence": [asdict(e) for e in row.evidence],
                "findings": [f.pk for f in row.findings],
            }
            for row in checklist(audit)
        ]
        return Response(rows)

    @extend_schema(request=None, responses=AuditSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        audit = self.get_object()
        services.audit_start(actor=request.user, audit=audit)
        return self._answer(audit)

    @extend_schema(request=FindingSerializer, responses=FindingSerializer)
    @action(detail=True, methods=["get", "post"])
    def findings(self, request: Request, pk: str | None = None) -> Response:
        """GET: the audit's findings. POST: record one (the audit's auditor, while it
        is in progress)."""
        audit = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            return Response(
                FindingSerializer(audit.findings.all(), many=True, context=context).data
            )
        body = FindingSerializer(data=request.data, context=context)
        body.is_valid(raise_exception=True)
        made = services.finding_record(actor=request.user, audit=audit, data=body.validated_data)
        return Response(FindingSerializer(made, context=context).data, status=201)

    @extend_schema(request=CompleteAuditSerializer, responses=AuditSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        """Complete the audit: minor and major findings raise nonconformities."""
        audit = self.get_object()
        body = CompleteAuditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.audit_complete(actor=request.user, audit=audit, **body.validated_data)
        return self._answer(audit)
