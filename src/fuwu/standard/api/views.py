"""REST API of the standard: clauses, applicability, assessments, conformity."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.views import target_organization
from fuwu.core.filtersets import FilterSet
from fuwu.core.ids import parse_id
from fuwu.core.permissions import require

from .. import reports, selectors, services
from ..models import Applicability, Assessment, Clause, Scope
from .serializers import (
    ApplicabilitySerializer,
    AssessmentSerializer,
    ClauseSerializer,
    ConformitySerializer,
    ScopeSerializer,
    SnapshotSerializer,
)

ORGANIZATION = OpenApiParameter(
    "organization", int, description="Your organization's id (needed when you belong to several)."
)


class ClauseFilterSet(FilterSet):
    parent = df.CharFilter(field_name="parent__ref_id", label="parent clause ref_id")
    library = df.CharFilter(field_name="library__urn", label="library URN")
    assessable = df.BooleanFilter()
    process = df.CharFilter()

    class Meta:
        model = Clause
        fields = ["parent", "library", "assessable", "process"]


class ClauseViewSet(viewsets.ReadOnlyModelViewSet):
    """The clause catalog: SB/T 10382-2004 by default (`?library=` for ISO 9001:2015)."""

    serializer_class = ClauseSerializer
    filterset_class = ClauseFilterSet
    lookup_field = "ref_id"
    lookup_value_regex = "[^/]+"
    ordering_fields = ["order"]

    def get_queryset(self) -> Any:
        qs = Clause.objects.filter(retired=False).select_related("parent", "library")
        if "library" not in self.request.query_params:
            qs = qs.filter(library__urn=selectors.SBT_URN)
        return qs.order_by("library_id", "order")


class ApplicabilityViewSet(viewsets.ViewSet):
    """The statement of applicability: every assessable clause, applicable or excluded."""

    serializer_class = ApplicabilitySerializer
    lookup_field = "ref_id"
    lookup_value_regex = "[^/]+"

    @extend_schema(parameters=[ORGANIZATION], responses=ApplicabilitySerializer(many=True))
    def list(self, request: Request) -> Response:
        org = target_organization(request)
        decisions = {
            d.clause_id: d
            for d in Applicability.objects.filter(organization=org).select_related("decided_by")
        }
        clauses = selectors.sbt_clauses().filter(assessable=True)
        rows = [ApplicabilitySerializer.row(c, decisions.get(c.id)) for c in clauses]
        # Through the serializer, so times are in the server's zone like everywhere else.
        return Response(ApplicabilitySerializer(rows, many=True).data)

    @extend_schema(parameters=[ORGANIZATION], responses=ApplicabilitySerializer)
    def retrieve(self, request: Request, ref_id: str) -> Response:
        org = target_organization(request)
        clause = get_object_or_404(selectors.sbt_clauses(), ref_id=ref_id, assessable=True)
        decision = Applicability.objects.filter(organization=org, clause=clause).first()
        return Response(ApplicabilitySerializer(ApplicabilitySerializer.row(clause, decision)).data)

    @extend_schema(
        parameters=[ORGANIZATION],
        request=ApplicabilitySerializer,
        responses=ApplicabilitySerializer,
    )
    def update(self, request: Request, ref_id: str) -> Response:
        org = target_organization(request)
        clause = get_object_or_404(selectors.sbt_clauses(), ref_id=ref_id, assessable=True)
        serializer = ApplicabilitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = services.applicability_set(
            actor=request.user,
            organization=org,
            clause=clause,
            applicable=serializer.validated_data["applicable"],
            justification_en=serializer.validated_data.get("justification_en", ""),
            justification_zh=serializer.validated_data.get("justification_zh", ""),
        )
        return Response(ApplicabilitySerializer(ApplicabilitySerializer.row(clause, decision)).data)


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Manual assessments (auditor judgements). The latest per clause counts."""

    serializer_class = AssessmentSerializer
    ordering_fields = ["assessed_at"]

    def get_queryset(self) -> Any:
        qs = Assessment.objects.for_user(self.request.user).select_related("clause", "assessed_by")
        org = self.request.query_params.get("organization")
        if org:
            pk = parse_id(org)
            qs = qs.filter(organization_id=pk) if pk else qs.none()
        return qs.order_by("-assessed_at", "-pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AssessmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        org = target_organization(request)
        data = serializer.validated_data
        clause = get_object_or_404(selectors.sbt_clauses(), ref_id=data["clause"]["ref_id"])
        assessment = services.assessment_record(
            actor=request.user,
            organization=org,
            clause=clause,
            result=data["result"],
            note_en=data.get("note_en", ""),
            note_zh=data.get("note_zh", ""),
            evidence=data.get("evidence", ""),
        )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class ConformityView(APIView):
    """One entry per clause: status, the checks with their records, the manual
    assessment and applicability. Computed now from the live records."""

    @extend_schema(parameters=[ORGANIZATION], responses=ConformitySerializer(many=True))
    def get(self, request: Request) -> Response:
        org = target_organization(request)
        require(request.user, org, "standard.view")
        report = selectors.conformity_report(org)
        rows = [
            ConformitySerializer.row(item)
            for item in report.by_ref.values()
            if item.clause.assessable
        ]
        return Response(rows)


class ConformityHistoryView(APIView):
    """Daily snapshots, newest first."""

    @extend_schema(parameters=[ORGANIZATION], responses=SnapshotSerializer(many=True))
    def get(self, request: Request) -> Response:
        org = target_organization(request)
        require(request.user, org, "standard.view")
        return Response(SnapshotSerializer(selectors.history(org), many=True).data)


class ConformityReportView(APIView):
    """The conformity report as a file: PDF, Word or Excel, in English or Chinese.
    Title page (organization, date, score), summary by process, every clause with its
    status and reasons, and the exclusions with their justifications."""

    renderer_classes = [JSONRenderer]  # for errors; the report itself is a plain file

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # `?format=` names the file to build, not one of DRF's renderers.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        parameters=[
            ORGANIZATION,
            OpenApiParameter("format", str, enum=list(reports.FORMATS), default="pdf"),
            OpenApiParameter(
                "lang",
                str,
                enum=list(reports.LANGUAGES),
                description="Language of the report; default: the organization's language.",
            ),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, reports.FORMATS["docx"][0]): OpenApiResponse(OpenApiTypes.BINARY),
            (200, reports.FORMATS["xlsx"][0]): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        org = target_organization(request)
        require(request.user, org, "core.export")
        fmt = request.query_params.get("format", "pdf")
        language = request.query_params.get("lang") or org.default_language
        errors = {}
        if fmt not in reports.FORMATS:
            errors["format"] = [_("Choose pdf, docx or xlsx.")]
        if language not in reports.LANGUAGES:
            errors["lang"] = [_("Choose en or zh-hans.")]
        if errors:
            raise serializers.ValidationError(errors)
        built = reports.conformity_report(organization=org, fmt=fmt, language=language)
        return built.response()


class ScopeView(APIView):
    """The scope of the service management system (clause 1). Every member reads it;
    administrators and quality managers change it (PUT or PATCH)."""

    @extend_schema(parameters=[ORGANIZATION], responses=ScopeSerializer)
    def get(self, request: Request) -> Response:
        org = target_organization(request)
        require(request.user, org, "standard.view")
        scope = Scope.objects.filter(organization=org).first() or Scope(organization=org)
        return Response(ScopeSerializer(scope).data)

    @extend_schema(parameters=[ORGANIZATION], request=ScopeSerializer, responses=ScopeSerializer)
    def put(self, request: Request) -> Response:
        return self._change(request, partial=False)

    @extend_schema(parameters=[ORGANIZATION], request=ScopeSerializer, responses=ScopeSerializer)
    def patch(self, request: Request) -> Response:
        return self._change(request, partial=True)

    def _change(self, request: Request, *, partial: bool) -> Response:
        org = target_organization(request)
        require(request.user, org, "standard.manage_scope")
        serializer = ScopeSerializer(data=request.data, partial=partial, organization=org)
        serializer.is_valid(raise_exception=True)
        scope = services.scope_update(
            actor=request.user, organization=org, data=serializer.validated_data
        )
        return Response(ScopeSerializer(scope).data)
