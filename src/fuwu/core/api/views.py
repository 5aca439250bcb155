"""REST API of core: organizations, sites, members, the audit trail and tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from ..auth import locked_until
from ..errors import conflict_message
from ..filtersets import (
    AuditEntryFilterSet,
    InvitationFilterSet,
    MembershipFilterSet,
    OrganizationFilterSet,
    SiteFilterSet,
)
from ..ids import parse_id
from ..models import AuditEntry, Invitation, Membership, Organization, Site
from ..permissions import CAPABILITIES
from .exceptions import Conflict
from .serializers import (
    AuditEntrySerializer,
    InvitationSerializer,
    InvitationWriteSerializer,
    MembershipSerializer,
    MembershipWriteSerializer,
    OrganizationSerializer,
    SiteSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)

ORGANIZATION_HEADER = "X-Fuwu-Organization"


def requested_organization(request: Request) -> str | None:
    """The organization the request names: `organization` in the body, else in the
    query string, else the `X-Fuwu-Organization` header; None when it names none."""
    wanted = request.data.get("organization") if hasattr(request.data, "get") else None
    if wanted in (None, ""):
        wanted = request.query_params.get("organization")
    if wanted in (None, ""):
        wanted = request.headers.get(ORGANIZATION_HEADER)
    return None if wanted in (None, "") else wanted


def target_organization(request: Request) -> Organization:
    """The organization a request is about: the one it names (see
    `requested_organization`), else the user's default organization, the one they
    joined first, so that joining another organization breaks no client. Only a
    superuser without memberships, among several organizations, is asked which."""
    mine = Organization.objects.for_user(request.user)
    wanted = requested_organization(request)
    if wanted is None:
        org = selectors.default_organization(request.user)
        if org is None and mine.count() == 1:
            org = mine.get()
        if org is None:
            raise serializers.ValidationError(
                {"organization": [_("Say which organization this is for.")]}
            )
        return org
    org = mine.filter(pk=pk).first() if (pk := parse_id(wanted)) else None
    if org is None:
        raise serializers.ValidationError(
            {"organization": [_("Choose one of your organizations.")]}
        )
    return org


class OrganizationScopedMixin:
    """`?organization=<id>` (or the `X-Fuwu-Organization` header) narrows any list to
    one of the user's organizations."""

    def scope(self, qs: QuerySet) -> QuerySet:
        org = self.request.query_params.get("organization") or self.request.headers.get(
            ORGANIZATION_HEADER
        )
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
            raise Conflict(conflict_message(exc)) from exc


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
            base_url=request.build_absolute_uri("/"),
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


class InvitationViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Invitations by e-mail, seen by administrators of all sites. DELETE revokes
    (the invitation is kept, so its history stays)."""

    serializer_class = InvitationSerializer
    filterset_class = InvitationFilterSet
    ordering_fields = ["created_at", "expires_at", "email"]

    def check_permissions(self, request: Request) -> None:
        """403, as the page answers, for whoever manages members nowhere."""
        super().check_permissions(request)
        user = request.user
        if getattr(self, "swagger_fake_view", False) or user.is_superuser:
            return
        manages = Membership.objects.filter(
            user=user,
            is_active=True,
            organization__is_active=True,
            role__in=CAPABILITIES["core.manage_members"],
            all_sites=True,
        )
        if not manages.exists():
            raise PermissionDenied(_("Only administrators of all sites can manage members."))

    def get_queryset(self) -> QuerySet:
        qs = Invitation.objects.for_user(self.request.user).select_related(
            "invited_by", "accepted_by"
        )
        return self.scope(qs.prefetch_related("sites")).order_by("organization_id", "-created_at")

    @extend_schema(request=InvitationWriteSerializer, responses=InvitationSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = InvitationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        org = target_organization(request)
        sites = list(Site.objects.filter(organization=org, pk__in=data["sites"]))
        if len(sites) != len(set(data["sites"])):
            raise serializers.ValidationError(
                {"sites": [_("Choose sites of this organization only.")]}
            )
        invitation = services.invitation_create(
            actor=request.user,
            organization=org,
            email=data["email"],
            role=data["role"],
            all_sites=data["all_sites"],
            sites=sites,
            base_url=request.build_absolute_uri("/"),
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            services.invitation_revoke(actor=request.user, invitation=self.get_object())
        except DjangoValidationError as exc:
            raise Conflict(conflict_message(exc)) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


def audit_organizations(user: Any) -> QuerySet:
    """The ids of the organizations whose audit trail this person may read."""
    return Membership.objects.filter(
        user=user,
        is_active=True,
        organization__is_active=True,
        role__in=CAPABILITIES["core.view_audit"],
    ).values("organization_id")


class MayReadAuditTrail(BasePermission):
    """403, as the audit trail page answers, for someone who may read the audit trail
    of none of their organizations, rather than an empty list."""

    message = gettext_lazy("You do not have permission to see the audit trail.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return user.is_superuser or audit_organizations(user).exists()


class AuditEntryViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """The audit trail of the organizations where you may read it."""

    permission_classes = [IsAuthenticated, MayReadAuditTrail]
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet
    ordering_fields = ["seq", "created_at"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return AuditEntry.objects.none()
        user = self.request.user
        qs = AuditEntry.objects.select_related("actor")
        if not user.is_superuser:
            qs = qs.filter(organization__in=audit_organizations(user))
        return self.scope(qs).order_by("-organization_id", "-seq")


class TokenView(APIView):
    """Exchange a username and password for an API token (shown once)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        until = locked_until(request._request)
        if until:  # 429 and Retry-After are set by LoginLockoutMiddleware
            return Response({"detail": _("Too many failed attempts. Try again later.")})
        if user is None:
            return Response(
                {"non_field_errors": [_("Unable to log in with these credentials.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        _token, key = services.api_token_create(user=user)
        return Response({"token": key})
