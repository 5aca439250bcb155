"""Documents and their versions over REST. Reads go through `for_user` (another
organization's document is a 404); writes go through the services, whose
refusals come back as 403 (who), 409 (state) or 400 (input), with the message."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.views import OrganizationScopedMixin, target_organization

from .. import selectors, services
from ..filtersets import DocumentFilterSet
from ..models import Document, DocumentVersion
from ..selectors import documents_for
from .serializers import (
    ApproveSerializer,
    DocumentSerializer,
    ReasonSerializer,
    VersionSerializer,
    VersionWriteSerializer,
)


class DocumentViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Controlled documents: metadata. Text lives in versions (…/versions/)."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    ordering_fields = ["number", "title_en", "category", "status", "next_review_date"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return self.scope(documents_for(self.request.user)).order_by("organization_id", "number")

    def perform_create(self, serializer: DocumentSerializer) -> None:
        data = dict(serializer.validated_data)
        body_en, body_zh = data.pop("body_en", ""), data.pop("body_zh", "")
        document = services.document_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            data=data,
            body_en=body_en,
            body_zh=body_zh,
        )
        serializer.instance = self.get_queryset().get(pk=document.pk)

    def perform_update(self, serializer: DocumentSerializer) -> None:
        data = {
            k: v for k, v in serializer.validated_data.items() if k not in ("body_en", "body_zh")
        }
        document = services.document_update(
            actor=self.request.user, document=serializer.instance, data=data
        )
        serializer.instance = self.get_queryset().get(pk=document.pk)


class VersionViewSet(viewsets.GenericViewSet):
    """The versions of one document, newest first; a draft is changed with PUT or
    PATCH, anything else answers 409. Transitions are POSTs on the version."""

    serializer_class = VersionSerializer
    lookup_field = "number"

    def document(self) -> Document:
        documents = Document.objects.for_user(self.request.user)
        return get_object_or_404(documents, pk=self.kwargs["document_pk"])

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return DocumentVersion.objects.none()
        return (
            selectors.visible_versions(self.document(), self.request.user)
            .select_related("author", "submitted_by", "reviewer", "approver")
            .order_by("-number")
        )

    def version(self) -> DocumentVersion:
        return get_object_or_404(self.get_queryset(), number=self.kwargs["number"])

    def list(self, request: Request, document_pk: int) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(VersionSerializer(page, many=True).data)

    @extend_schema(request=None, responses={201: VersionSerializer})
    def create(self, request: Request, document_pk: int) -> Response:
        """Start the next version as a draft, copied from the current one."""
        version = services.version_draft_create(actor=request.user, document=self.document())
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, document_pk: int, number: int) -> Response:
        return Response(VersionSerializer(self.version()).data)

    @extend_schema(request=VersionWriteSerializer, responses=VersionSerializer)
    def update(self, request: Request, document_pk: int, number: int) -> Response:
        return self._update(request, partial=False)

    @extend_schema(request=VersionWriteSerializer, responses=VersionSerializer)
    def partial_update(self, request: Request, document_pk: int, number: int) -> Response:
        return self._update(request, partial=True)

    def _update(self, request: Request, partial: bool) -> Response:
        version = self.version()
        serializer = VersionWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        version = services.version_update(
            actor=request.user,
            version=version,
            data=dict(serializer.validated_data),
        )
        return Response(VersionSerializer(version).data)

    @extend_schema(request=None, responses=VersionSerializer)
    def submit(self, request: Request, document_pk: int, number: int) -> Response:
        """Draft → in review."""
        version = services.version_submit(actor=request.user, version=self.version())
        return Response(VersionSerializer(version).data)

    @extend_schema(request=ApproveSerializer, responses=VersionSerializer)
    def approve(self, request: Request, document_pk: int, number: int) -> Response:
        """In review → approved; the approver confirms the required elements."""
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.version_approve(
            actor=request.user,
            version=self.version(),
            confirmed=serializer.validated_data.get("checklist", []),
        )
        return Response(VersionSerializer(version).data)

    @extend_schema(request=ReasonSerializer, responses=VersionSerializer)
    def reject(self, request: Request, document_pk: int, number: int) -> Response:
        """In review → back to draft, with the reason."""
        return self._with_reason(services.version_reject, request)

    @extend_schema(request=ReasonSerializer, responses=VersionSerializer)
    def obsolete(self, request: Request, document_pk: int, number: int) -> Response:
        """The approved version: withdraw the document. A draft: abandon it."""
        return self._with_reason(services.version_obsolete, request)

    def _with_reason(self, service: Any, request: Request) -> Response:
        """A transition whose only input is a written reason."""
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = service(
            actor=request.user,
            version=self.version(),
            reason=serializer.validated_data["reason"],
        )
        return Response(VersionSerializer(version).data)
