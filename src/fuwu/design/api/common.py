"""What the design endpoints share: running a service, finding the organization and
the contact point a request is about."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

from fuwu.core.api.views import target_organization
from fuwu.core.models import Organization
from fuwu.core.permissions import require

from ..models import ContactPoint, Specification, Stage

# The customer's order: before, during, after (the stage values do not sort so).
STAGE_RANK = Case(
    *(When(stage=stage, then=Value(rank)) for rank, stage in enumerate(Stage.values)),
    output_field=IntegerField(),
)
ORGANIZATION = OpenApiParameter(
    "organization", int, description="Your organization's id (needed when you belong to several)."
)


def readable_organization(request: Request) -> Organization:
    """The one organization an organization-wide read is about, if the user may read
    its design."""
    organization = target_organization(request)
    require(request.user, organization, "design.view")
    return organization


def visible_points(request: Request) -> QuerySet[ContactPoint]:
    """Contact points of the user's organizations, within their site scope."""
    return ContactPoint.objects.for_user(request.user)


def point_of(request: Request, pk: Any) -> ContactPoint:
    """The contact point of the URL; another organization's or site's is a 404."""
    return get_object_or_404(visible_points(request).select_related("organization"), pk=pk)


def specification_of(request: Request, point: ContactPoint, pk: Any) -> Specification:
    """One of the point's specifications the user may see (a local addendum of a
    site outside their scope is a 404)."""
    specifications = Specification.objects.for_user(
        request.user, organization=point.organization
    ).filter(contact_point=point)
    return get_object_or_404(
        specifications.select_related(
            "organization", "contact_point", "site", "document", "document__current_version"
        ),
        pk=pk,
    )
