"""A contact point's specifications and the items of their open drafts:

- `/api/v1/contact-points/{point}/specifications/`: GET lists them, POST starts one.
- `/api/v1/contact-points/{point}/specifications/{id}/`: GET one.
- `/api/v1/contact-points/{point}/specifications/{id}/items/`: the items (GET), and the
  items of the open draft: POST adds one, PUT/PATCH/DELETE on `items/{item}/` change
  and remove one, POST `items/not-applicable/` says why a category does not apply.

Review and approval are the document's: `/api/v1/documents/{document}/versions/…`.
Staff and viewers read the approved version only (`documents.view_drafts`).
"""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from fuwu.core.filtersets import FilterSet
from fuwu.documents.models import DocumentVersion
from fuwu.documents.selectors import visible_versions

from .. import selectors, services
from ..models import ContactPoint, ItemCategory, Specification, SpecificationItem
from .common import point_of, specification_of
from .specification_serializers import (
    CATEGORY_RANK,
    CategoryNotApplicableSerializer,
    SpecificationItemSerializer,
    SpecificationSerializer,
    SpecificationStartSerializer,
    shown_context,
)


class SpecificationViewSet(viewsets.GenericViewSet):
    """The specifications of one contact point that you may see (a plain list)."""

    serializer_class = SpecificationSerializer
    pagination_class = None  # three per point, and a site's addenda
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        return Specification.objects.none()  # reads go through point_of / specification_of

    def point(self) -> ContactPoint:
        return point_of(self.request, self.kwargs["point_pk"])

    def serialize(self, specifications: list[Specification]) -> list[dict[str, Any]]:
        context = {"request": self.request} | shown_context(specifications, self.request.user)
        return SpecificationSerializer(specifications, many=True, context=context).data

    def list(self, request: Request, point_pk: int) -> Response:
        return Response(self.serialize(selectors.specifications_of(self.point(), request.user)))

    @extend_schema(request=SpecificationStartSerializer, responses={201: SpecificationSerializer})
    def create(self, request: Request, point_pk: int) -> Response:
        """Start a specification: the point's standard one, or with `site` that site's
        local addendum. Its controlled document starts with version 1 as a draft."""
        point = self.point()
        serializer = SpecificationStartSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        started = services.specification_start(
            actor=request.user,
            point=point,
            kind=serializer.validated_data["kind"],
            site=serializer.validated_data.get("site"),
        )
        specification = specification_of(request, point, started.pk)
        return Response(self.serialize([specification])[0], status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, point_pk: int, pk: int) -> Response:
        return Response(self.serialize([specification_of(request, self.point(), pk)])[0])


class ItemFilterSet(FilterSet):
    version = df.NumberFilter(field_name="version__number", label=_("Version"))
    category = df.ChoiceFilter(choices=ItemCategory.choices, label=_("Category"))

    class Meta:
        model = SpecificationItem
        fields = ["version", "category"]


class SpecificationItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Items of a specification's versions that you may read, newest version first.
    Only the items of the open draft change: any other answers 409."""

    serializer_class = SpecificationItemSerializer
    filterset_class = ItemFilterSet
    ordering_fields = ["order"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # Another organization's or site's specification is a 404 before the body is
        # even read: a 400 on its fields would tell that it exists.
        self.specification()

    def specification(self) -> Specification:
        if not hasattr(self, "_specification"):
            point = point_of(self.request, self.kwargs["point_pk"])
            self._specification = specification_of(self.request, point, self.kwargs["spec_pk"])
        return self._specification

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return SpecificationItem.objects.none()
        specification = self.specification()
        versions = (
            visible_versions(specification.document, self.request.user)
            if specification.document_id
            else DocumentVersion.objects.none()
        )
        return (
            SpecificationItem.objects.filter(specification=specification, version__in=versions)
            .select_related("version", "characteristic", "indicator")
            .annotate(category_rank=CATEGORY_RANK)
            .order_by("-version__number", "category_rank", "order", "pk")
        )

    def _fetch(self, item: SpecificationItem) -> SpecificationItem:
        return SpecificationItem.objects.select_related("version").get(pk=item.pk)

    def perform_create(self, serializer: SpecificationItemSerializer) -> None:
        item = services.item_create(
            actor=self.request.user,
            specification=self.specification(),
            data=serializer.validated_data,
        )
        serializer.instance = self._fetch(item)

    def perform_update(self, serializer: SpecificationItemSerializer) -> None:
        item = services.item_update(
            actor=self.request.user,
            item=serializer.instance,
            data=serializer.validated_data,
        )
        serializer.instance = self._fetch(item)

    def perform_destroy(self, instance: SpecificationItem) -> None:
        services.item_delete(actor=self.request.user, item=instance)

    @extend_schema(
        request=CategoryNotApplicableSerializer, responses={201: SpecificationItemSerializer}
    )
    def not_applicable(self, request: Request, point_pk: int, spec_pk: int) -> Response:
        """Record in the open draft why a category does not apply (an unmanned point
        has no service personnel): one item with `applies` false, its text the reason."""
        serializer = CategoryNotApplicableSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.category_not_applicable(
            actor=request.user,
            specification=self.specification(),
            category=serializer.validated_data["category"],
            reason=serializer.validated_data["reason"],
        )
        data = SpecificationItemSerializer(self._fetch(item), context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)
