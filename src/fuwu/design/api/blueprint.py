"""GET /api/v1/blueprint/: the service blueprint as JSON, or as SVG with
`?output=svg` (`?site=<id>` for one site; `?organization=<id>` if you belong to
several)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.views import target_organization
from fuwu.core.ids import parse_id
from fuwu.core.models import Site
from fuwu.core.permissions import can

from ..blueprint import as_json, build, render_svg


class BlueprintApiView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("site", int, description="Draw the journey of one site"),
            OpenApiParameter(
                "format", str, enum=["json", "svg"], description="json (default) or svg"
            ),
            OpenApiParameter("organization", int),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        organization = target_organization(request)
        if not can(request.user, organization, "design.view"):
            raise PermissionDenied(_("You do not have permission to do this."))
        site = None
        wanted = request.query_params.get("site", "")
        if wanted:
            pk = parse_id(wanted)
            if pk is None:
                raise serializers.ValidationError({"site": [_("Give the id of a site.")]})
            site = (
                Site.objects.for_user(request.user, organization=organization).filter(pk=pk).first()
            )
            if site is None:
                raise Http404
        blueprint = build(organization, site=site, user=request.user)
        # Not `format`: DRF reads that one to choose a renderer.
        fmt = request.query_params.get("output", "json")
        if fmt == "svg":
            return HttpResponse(render_svg(blueprint), content_type="image/svg+xml; charset=utf-8")
        if fmt != "json":
            raise serializers.ValidationError({"output": [_("Choose json or svg.")]})
        return Response(as_json(blueprint))
