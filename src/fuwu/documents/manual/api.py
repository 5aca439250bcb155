"""REST API of the service manual.

- `GET /api/v1/service-manual/?format=pdf|docx&lang=en|zh-hans`: built now, from live data.
- `GET /api/v1/service-manual/versions/`: the manual's controlled document and versions.
- `POST /api/v1/service-manual/versions/`: prepare a version for approval (frozen files);
  submit and approve it through `/api/v1/documents/{id}/versions/{n}/submit|approve/`.
- `GET /api/v1/service-manual/versions/{n}/file/?format=pdf|docx`: a frozen rendering.

`?format=` names the file to build, not one of DRF's renderers: content negotiation is
switched off here as for the conformity report.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.views import target_organization
from fuwu.core.permissions import require

from ..api.serializers import DocumentSerializer, VersionSerializer
from ..models import Status
from ..services import manual_version_prepare
from .build import LANGUAGES
from .files import FORMATS, manual_file
from .selectors import manual_document, manual_versions, readable_manual_version

ORGANIZATION = OpenApiParameter(
    "organization", int, description="Your organization's id (needed when you belong to several)."
)
FORMAT = OpenApiParameter(
    "format", str, enum=list(FORMATS), default="pdf", description="pdf or docx."
)
LANG = OpenApiParameter(
    "lang",
    str,
    enum=list(LANGUAGES),
    description="Language of the manual; default: the organization's language.",
)
FILES = {
    (200, FORMATS["pdf"][0]): OpenApiResponse(OpenApiTypes.BINARY),
    (200, FORMATS["docx"][0]): OpenApiResponse(OpenApiTypes.BINARY),
    400: OpenApiResponse(description="Unknown format or language, with a message."),
}


class FileView(APIView):
    renderer_classes = [JSONRenderer]  # for errors; the manual itself is a plain file

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        renderer = JSONRenderer()
        return renderer, renderer.media_type


def _format(request: Request, errors: dict[str, list[str]]) -> str:
    fmt = request.query_params.get("format", "pdf")
    if fmt not in FORMATS:
        errors["format"] = [_("Choose pdf or docx.")]
    return fmt


class ServiceManualView(FileView):
    """The service manual built now from live data: title page, contents, version and
    approval block, the sections every app contributes and the clause cross-reference.
    A live rendering is an uncontrolled copy; frozen versions are under versions/."""

    @extend_schema(parameters=[ORGANIZATION, FORMAT, LANG], responses=FILES)
    def get(self, request: Request) -> HttpResponse:
        org = target_organization(request)
        require(request.user, org, "documents.view")
        errors: dict[str, list[str]] = {}
        fmt = _format(request, errors)
        language = request.query_params.get("lang") or org.default_language
        if language not in LANGUAGES:
            errors["lang"] = [_("Choose en or zh-hans.")]
        if errors:
            raise serializers.ValidationError(errors)
        return manual_file(
            org, fmt=fmt, language=language, prepared_by=request.user, reader=request.user
        ).response()


class ManualSerializer(serializers.Serializer):
    document = DocumentSerializer(allow_null=True, help_text="Null until a version is prepared.")
    versions = VersionSerializer(many=True)


class PrepareSerializer(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=list(LANGUAGES), required=False, help_text="Default: the organization's language."
    )
    change_reason_en = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="What changed and why (English); needed to submit any version after the "
        "first, in either language.",
    )
    change_reason_zh = serializers.CharField(
        required=False, allow_blank=True, help_text="What changed and why (Chinese)."
    )


class ServiceManualVersionsView(APIView):
    """The manual as a controlled document, and its versions (newest first)."""

    @extend_schema(parameters=[ORGANIZATION], responses=ManualSerializer)
    def get(self, request: Request) -> Response:
        org = target_organization(request)
        require(request.user, org, "documents.view")
        document = manual_document(org)
        return Response(
            {
                "document": DocumentSerializer(document, context={"request": request}).data
                if document
                else None,
                "versions": VersionSerializer(
                    manual_versions(document, request.user), many=True
                ).data,
            }
        )

    @extend_schema(
        parameters=[ORGANIZATION],
        request=PrepareSerializer,
        responses={201: VersionSerializer, 403: None, 409: None},
    )
    def post(self, request: Request) -> Response:
        """Render the manual now and freeze the PDF and Word files on a draft version
        (the open draft, or a new one; created with the manual's document on first use).
        409 while a version is in review."""
        org = target_organization(request)
        serializer = PrepareSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = manual_version_prepare(
            actor=request.user,
            organization=org,
            language=serializer.validated_data.get("lang"),
            change_reason_en=serializer.validated_data.get("change_reason_en", ""),
            change_reason_zh=serializer.validated_data.get("change_reason_zh", ""),
        )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class ServiceManualVersionFileView(FileView):
    """A version's frozen rendering, exactly as it was prepared and approved."""

    @extend_schema(
        parameters=[ORGANIZATION, FORMAT],
        responses={**FILES, 404: OpenApiResponse(description="No such version or file.")},
    )
    def get(self, request: Request, number: int) -> HttpResponse:
        org = target_organization(request)
        require(request.user, org, "documents.view")
        errors: dict[str, list[str]] = {}
        fmt = _format(request, errors)
        if errors:
            raise serializers.ValidationError(errors)
        version = readable_manual_version(org, request.user, number)
        stored = None if version is None else (version.file if fmt == "pdf" else version.word_file)
        if not stored:
            raise Http404
        state = "-approved" if version.status == Status.APPROVED else ""
        return FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=f"{org.slug}-service-manual-v{number}{state}.{fmt}",
            content_type=FORMATS[fmt][0],
        )
