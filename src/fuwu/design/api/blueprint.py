"""GET /api/v1/blueprint/: the service blueprint as JSON (default) or as an SVG
image, chosen by `?format=json|svg` or by `Accept: image/svg+xml`. `?site=<id>`
draws one site's journey; `?organization=<id>` if you belong to several. `?output=`
is the first name of `?format=` and still works."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.views import target_organization
from fuwu.core.ids import parse_id
from fuwu.core.models import Organization, Site
from fuwu.core.permissions import can

from ..blueprint import blueprint_json, build, render_svg
from .common import ORGANIZATION


class SvgRenderer(BaseRenderer):
    """Passes the SVG document through (the view draws it)."""

    media_type = "image/svg+xml"
    format = "svg"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: Any = None, context: Any = None) -> bytes:
        return data.encode() if isinstance(data, str) else bytes(data or b"")


def stage_span() -> serializers.Serializer:
    return inline_serializer(
        "BlueprintStage",
        {
            "stage": serializers.CharField(),
            "label": serializers.CharField(),
            "first": serializers.IntegerField(help_text="Index of its first contact point."),
            "count": serializers.IntegerField(),
        },
        many=True,
    )


def texts(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


BLUEPRINT_SCHEMA = inline_serializer(
    "Blueprint",
    {
        "organization": serializers.CharField(),
        "site": serializers.CharField(help_text="The site's name, or empty for all."),
        "stages": stage_span(),
        "contact_points": inline_serializer(
            "BlueprintContactPoint",
            {
                "id": serializers.IntegerField(),
                "code": serializers.CharField(),
                "name": serializers.CharField(),
                "stage": serializers.CharField(),
                "channel": serializers.CharField(),
                "manned": serializers.BooleanField(),
                "owner_role": serializers.CharField(),
                "owner": serializers.CharField(help_text="The owner's name, or empty."),
                "physical_evidence": texts("Facilities, supplies and environment items."),
                "onstage": texts("Service specification and personnel items."),
                "backstage": texts("Control items."),
            },
            many=True,
        ),
    },
)


class BlueprintApiView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, SvgRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("site", int, description="Draw the journey of one site."),
            OpenApiParameter(
                "format", str, enum=["json", "svg"], description="json (default) or svg."
            ),
            ORGANIZATION,
        ],
        responses={
            (200, "application/json"): BLUEPRINT_SCHEMA,
            (200, "image/svg+xml"): OpenApiTypes.STR,
        },
    )
    def get(self, request: Request) -> Response:
        organization = target_organization(request)
        if not can(request.user, organization, "design.view"):
            raise PermissionDenied(_("You do not have permission to do this."))
        blueprint = build(organization, site=site_of(request, organization), user=request.user)
        if request.accepted_renderer.format == SvgRenderer.format:
            return Response(render_svg(blueprint))
        return Response(blueprint_json(blueprint))

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        """`?format=` (or the older `?output=`) first, then the Accept header; an
        unknown format is a 400 that says what to ask for, not DRF's bare 404."""
        wanted = request.query_params.get("format") or request.query_params.get("output")
        if wanted:
            renderer = next((r for r in self.get_renderers() if r.format == wanted), None)
            if renderer is not None:
                return renderer, renderer.media_type
            if not force:
                raise serializers.ValidationError({"format": [_("Choose json or svg.")]})
        return super().perform_content_negotiation(request, force=force)

    def handle_exception(self, exc: Exception) -> Response:
        # Errors answer JSON even when SVG was asked for: an image cannot say what went wrong.
        if getattr(self.request, "accepted_renderer", None) is not None and isinstance(
            self.request.accepted_renderer, SvgRenderer
        ):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


def site_of(request: Request, organization: Organization) -> Site | None:
    """The site of `?site=`, among those the user may see: 400 if it is not an
    id, 404 if it is not one of theirs."""
    wanted = request.query_params.get("site", "").strip()
    if not wanted:
        return None
    pk = parse_id(wanted)
    if pk is None:
        raise serializers.ValidationError({"site": [_("Give the id of a site.")]})
    found = Site.objects.for_user(request.user, organization=organization).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
