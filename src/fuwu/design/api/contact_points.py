"""`/api/v1/contact-points/`: the contact point register over REST, with the same
FilterSet and services as its pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.api.exceptions import Conflict
from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.errors import conflict_message
from fuwu.core.imports import ImportRefused
from fuwu.core.models import Role, Site, User
from fuwu.core.permissions import require
from fuwu.documents.models import Status

from .. import selectors, services
from ..filtersets import ContactPointFilterSet
from ..imports import import_contact_points
from ..models import ContactPoint, ContactPointStatus, Specification, SpecificationKind, Stage
from .common import STAGE_RANK


class SpecificationSummarySerializer(serializers.ModelSerializer):
    """One specification of the point, with its controlled document's state."""

    kind = NamedChoiceField(
        choices=SpecificationKind.choices, read_only=True, enum_name="SpecificationKindEnum"
    )
    document = serializers.IntegerField(
        source="document_id", read_only=True, allow_null=True, label=_("Document")
    )
    number = serializers.CharField(
        source="document.number", read_only=True, allow_null=True, label=_("Document number")
    )
    status = serializers.ChoiceField(
        source="document.status",
        choices=Status.choices,
        read_only=True,
        allow_null=True,
        label=_("Status"),
        help_text=_("The status of the document as a whole."),
    )
    approved_version = serializers.IntegerField(
        source="document.current_version.number",
        read_only=True,
        allow_null=True,
        label=_("Approved version"),
        help_text=_("Number of the approved version in force, if any."),
    )

    class Meta:
        model = Specification
        fields = ["id", "kind", "local", "site", "document", "number", "status", "approved_version"]
        read_only_fields = fields


class ContactPointSerializer(serializers.ModelSerializer):
    stage = NamedChoiceField(choices=Stage.choices, label=_("Stage"), enum_name="StageEnum")
    status = NamedChoiceField(
        choices=ContactPointStatus.choices,
        required=False,
        label=_("Status"),
        enum_name="ContactPointStatusEnum",
    )
    owner_role = NamedChoiceField(
        choices=Role.choices,
        required=False,
        allow_blank=True,
        label=_("Owner (role)"),
        enum_name="OwnerRoleEnum",
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        required=False,
        allow_null=True,
        label=_("Owner (person)"),
        help_text=_("A user who is an active member of the organization."),
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(),
        required=False,
        allow_null=True,
        label=_("Site's own"),
        help_text=_("A site's id for a site's own contact point; null for the organization's."),
    )
    sites = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(),
        many=True,
        required=False,
        label=_("Deployed at"),
        help_text=_("Ids of the sites it is deployed to (a site's own point: its site only)."),
    )
    specifications = SpecificationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = ContactPoint
        fields = [
            "id",
            "organization",
            "code",
            "name_en",
            "name_zh",
            "stage",
            "order",
            "channel",
            "manned",
            "status",
            "description_en",
            "description_zh",
            "owner_role",
            "owner",
            "site",
            "sites",
            "specifications",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "created_at", "updated_at"]
        validators: list = []  # the service checks the code is free, with its own message

    def get_fields(self) -> dict[str, serializers.Field]:
        """Related fields offer only what the user may name: sites in their scope,
        members of their organizations. Anything else reads as "does not exist"."""
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return fields
        sites = Site.objects.for_user(user)
        fields["site"].queryset = sites
        fields["sites"].child_relation.queryset = sites
        members = User.objects.all()
        if not user.is_superuser:
            organizations = user.memberships.filter(is_active=True).values("organization")
            members = members.filter(
                memberships__organization__in=organizations, memberships__is_active=True
            ).distinct()
        fields["owner"].queryset = members
        return fields


class ContactPointViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """Contact points, in the customer's order (stage, then order in the journey).
    A site's own points are seen within that site's scope; the organization's by
    every member."""

    serializer_class = ContactPointSerializer
    filterset_class = ContactPointFilterSet
    ordering_fields = ["code", "name_en", "order", "status", "channel"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ContactPoint.objects.none()
        user = self.request.user
        specifications = (
            Specification.objects.for_user(user)
            .select_related("document", "document__current_version")
            .order_by("kind", "local", "site_id")
        )
        points = (
            ContactPoint.objects.for_user(user)
            .select_related("owner", "site")
            .prefetch_related(
                selectors.deployed_sites(user), Prefetch("specifications", queryset=specifications)
            )
        )
        return (
            self.scope(points)
            .annotate(stage_rank=STAGE_RANK)
            .order_by("organization_id", "stage_rank", "order", "code")
        )

    def perform_create(self, serializer: ContactPointSerializer) -> None:
        point = services.contact_point_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            data=serializer.validated_data,
        )
        serializer.instance = self.get_queryset().get(pk=point.pk)

    def perform_update(self, serializer: ContactPointSerializer) -> None:
        point = services.contact_point_update(
            actor=self.request.user,
            point=serializer.instance,
            data=serializer.validated_data,
        )
        serializer.instance = self.get_queryset().get(pk=point.pk)

    def perform_destroy(self, instance: ContactPoint) -> None:
        """A point with specifications is retired, not deleted: 409, as on its page."""
        try:
            services.contact_point_delete(actor=self.request.user, point=instance)
        except DjangoValidationError as exc:
            raise Conflict(conflict_message(exc)) from exc

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_file(self, request: Request) -> Response:
        """Import a CSV or Excel file of contact points, all or nothing: 200 with the
        counts, or 400 with every row's errors (nothing imported)."""
        organization = target_organization(request)
        require(request.user, organization, "design.manage")
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": [_("Attach the file to import.")]})
        try:
            result = import_contact_points(
                actor=request.user, organization=organization, uploaded_file=upload
            )
        except ImportRefused as exc:
            raise serializers.ValidationError({"file": [str(exc)]}) from exc
        if not result.ok:
            errors = [
                {"row": e.row, "column": e.column, "message": e.message} for e in result.errors
            ]
            return Response({"imported": False, "errors": errors}, status=400)
        return Response(
            {
                "imported": True,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "ignored_columns": result.ignored,
            }
        )
