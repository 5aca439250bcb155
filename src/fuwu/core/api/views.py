"""REST API of core: organizations, sites, members, the audit trail and tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..filtersets import (
    AuditEntryFilterSet,
    MembershipFilterSet,
    OrganizationFilterSet,
    SiteFilterSet,
)
from ..ids import parse_id
from ..models import AuditEntry, Membership, Organization, Site
from ..permissions import CAPABILITIES
from .serializers import (
    AuditEntrySerializer,
    MembershipSerializer,
    MembershipWriteSerializer,
    OrganizationSerializer,
    SiteSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


class Conflict(APIException):
    """The request is valid but the record's state forbids it (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def target_organization(request: Request) -> Organization:
    """The organization a request is about: `organization` in the body or the
    query, or the user's only organization."""
    mine = Organization.objects.for_user(request.user)
    wanted = request.data.get("organization") if hasattr(request.data, "get") else None
    if wanted in (None, ""):
        wanted = request.query_params.get("organization")
    if wanted in (None, ""):
        if mine.count() == 1:
            return mine.get()
        raise serializers.ValidationError(
            {"organization": [_("Say which organization this is for.")]}
        )
    org = mine.filter(pk=pk).first() if (pk := parse_id(wanted)) else None
    if org is None:
        raise serializers.ValidationError(
            {"organization": [_("Choose one of your organizations.")]}
        )
    return org


class OrganizationScopedMixin:
    """`?organization=<id>` narrows any list to one of the user's organizations."""

    def scope(self, qs: QuerySet) -> QuerySet:
        org = self.request.query_params.get("organization")
        if org:
            pk = parse_id(org)
            qs = qs.filter(organization__pk=pk) if pk else qs.none()
        return qs


class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    ordering_fields = ["name_en", "slug"]

    def get_queryset(self) -> QuerySet:
        return Organization.objects.for_user(self.request.user).order_by("name_en")

    def perform_create(self, serializer: OrganizationSerializer) -> None:
        serializer.instance = services.organization_create(
            actor=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer: OrganizationSerializer) -> None:
        serializer.instance = services.organization_update(
            actor=self.request.user,
            organization=serializer.instance,
            data=serializer.validated_data,
        )


class SiteViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet
    ordering_fields = ["code", "name_en", "is_active"]

    def get_queryset(self) -> QuerySet:
        return self.scope(Site.objects.for_user(self.request.user)).order_by(
            "organization_id", "code"
        )

    def perform_create(self, serializer: SiteSerializer) -> None:
        org = target_organization(self.request)
        serializer.instance = services.site_create(
            actor=self.request.user, organization=org, data=serializer.validated_data
        )

    def perform_update(self, serializer: SiteSerializer) -> None:
        serializer.instance = services.site_update(
            actor=self.request.user, site=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: Site) -> None:
        try:
            services.site_delete(actor=self.request.user, site=instance)
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc


class MembershipViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    filterset_class = MembershipFilterSet
    ordering_fields = ["role", "is_active"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet:
        qs = Membership.objects.for_user(self.request.user).select_related("user")
        return self.scope(qs.prefetch_related("sites")).order_by(
            "organization_id", "user__username"
        )

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return (
            MembershipSerializer
            if self.action in ("list", "retrieve")
            else MembershipWriteSerializer
        )

    def _sites(self, org: Organization, ids: list[int]) -> list[Site]:
        found = list(Site.objects.filter(organization=org, pk__in=ids))
        if len(found) != len(set(ids)):
            raise serializers.ValidationError(
                {"sites": [_("Choose sites of this organization only.")]}
            )
        return found

    @extend_schema(request=MembershipWriteSerializer, responses=MembershipSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self._validated(request)
        if not data.get("username"):
            raise serializers.ValidationError({"username": [_("This field is required.")]})
        org = target_organization(request)
        membership = services.membership_add(
            actor=request.user,
            organization=org,
            username=data["username"],
            role=data["role"],
            all_sites=data["all_sites"],
            sites=self._sites(org, data["sites"]),
            email=data.get("email", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            password=data.get("password", ""),
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MembershipWriteSerializer, responses=MembershipSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        membership = self.get_object()
        partial = kwargs.get("partial", False)
        data = self._validated(request, partial=partial)
        membership = services.membership_update(
            actor=request.user,
            membership=membership,
            role=data.get("role", membership.role),
            all_sites=data.get("all_sites", membership.all_sites),
            sites=self._sites(membership.organization, data["sites"])
            if "sites" in data
            else list(membership.sites.all()),
            is_active=data.get("is_active", membership.is_active),
        )
        return Response(MembershipSerializer(membership).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Members are deactivated, not deleted, so their history stays attributable."""
        services.membership_deactivate(actor=request.user, membership=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _validated(self, request: Request, partial: bool = False) -> dict[str, Any]:
        serializer = MembershipWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class AuditEntryViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The audit trail of the organizations where you may read it."""

    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet
    ordering_fields = ["seq", "created_at"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return AuditEntry.objects.none()
        user = self.request.user
        qs = AuditEntry.objects.select_related("actor")
        if not user.is_superuser:
            roles = CAPABILITIES["core.view_audit"]
            allowed = Membership.objects.filter(
                user=user, is_active=True, organization__is_active=True, role__in=roles
            ).values("organization_id")
            qs = qs.filter(organization__in=allowed)
        return self.scope(qs).order_by("-organization_id", "-seq")


class TokenView(APIView):
    """Exchange a username and password for an API token (shown once)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["username"]
        address = request.META.get("REMOTE_ADDR", "")
        locked = services.login_locked_until(username=username, address=address)
        if locked:
            seconds = int((locked - timezone.now()).total_seconds()) + 1
            return Response(
                {"detail": _("Too many failed attempts. Try again later.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(seconds)},
            )
        user = authenticate(
            request._request, username=username, password=serializer.validated_data["password"]
        )
        if user is None:
            services.login_failed(username=username, address=address)
            return Response(
                {"non_field_errors": [_("Unable to log in with these credentials.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        services.login_succeeded(username=username, address=address)
        _token, key = services.api_token_create(user=user)
        return Response({"token": key})
