"""What the specification endpoints read and write: a specification with the
versions and items its reader may see, an item, and the bodies of starting a
specification and of a category that does not apply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.models import Site
from fuwu.documents.models import DocumentVersion, Status
from fuwu.documents.selectors import visible_versions

from .. import selectors
from ..models import (
    Characteristic,
    Indicator,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
)

# The standard's order of the categories (the values do not sort so).
ITEM_CATEGORIES = list(ItemCategory.values)
CATEGORY_RANK = Case(
    *(When(category=c, then=Value(rank)) for rank, c in enumerate(ITEM_CATEGORIES)),
    output_field=IntegerField(),
)


# -- serializers ----------------------------------------------------------------------


class SpecificationItemSerializer(serializers.ModelSerializer):
    category = NamedChoiceField(
        choices=ItemCategory.choices, label=_("Category"), enum_name="ItemCategoryEnum"
    )
    version = serializers.IntegerField(
        source="version.number", read_only=True, label=_("Version"), help_text=_("Its number.")
    )
    characteristic = serializers.PrimaryKeyRelatedField(
        queryset=Characteristic.objects.none(),
        required=False,
        allow_null=True,
        label=_("Characteristic"),
        help_text=_("Default: the category's own characteristic (service and provision items)."),
    )
    indicator = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.none(), required=False, allow_null=True, label=_("Indicator")
    )

    class Meta:
        model = SpecificationItem
        fields = [
            "id",
            "version",
            "category",
            "order",
            "applies",
            "text_en",
            "text_zh",
            "characteristic",
            "indicator",
            "criterion_en",
            "criterion_zh",
            "reference_en",
            "reference_zh",
            "method_en",
            "method_zh",
            "frequency",
            "responsible_en",
            "responsible_zh",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "version", "applies", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, serializers.Field]:
        """Only the characteristics and indicators of the user's organizations."""
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields["characteristic"].queryset = Characteristic.objects.for_user(user)
            fields["indicator"].queryset = Indicator.objects.for_user(user)
        return fields


class SpecificationVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentVersion
        fields = ["number", "status", "approved_at"]
        read_only_fields = fields


class SpecificationVersionItemsSerializer(SpecificationVersionSerializer):
    """A version whose items the user may read."""

    items = serializers.SerializerMethodField(label=_("Items"))

    class Meta(SpecificationVersionSerializer.Meta):
        fields = [*SpecificationVersionSerializer.Meta.fields, "items"]
        read_only_fields = fields

    @extend_schema_field(SpecificationItemSerializer(many=True))
    def get_items(self, version: DocumentVersion) -> list[dict[str, Any]]:
        items = sorted(self.context["items"].get(version.pk, []), key=_standard_order)
        for item in items:
            item.version = version  # the number is known: no query per item
        return SpecificationItemSerializer(items, many=True, context=self.context).data


def _standard_order(item: SpecificationItem) -> tuple[int, int, int]:
    return ITEM_CATEGORIES.index(item.category), item.order, item.pk


class SpecificationDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)


@dataclass
class Shown:
    """What one person may read of a specification."""

    versions: list[DocumentVersion]
    approved: DocumentVersion | None
    opened: DocumentVersion | None


class SpecificationSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(
        choices=SpecificationKind.choices, read_only=True, enum_name="SpecificationKindEnum"
    )
    clause = serializers.CharField(read_only=True, label=_("Clause"))
    document = SpecificationDocumentSerializer(read_only=True, allow_null=True)
    versions = serializers.SerializerMethodField(
        label=_("Versions"), help_text=_("The versions you may read, newest first.")
    )
    approved = serializers.SerializerMethodField(
        label=_("Approved version"), help_text=_("The version in force, with its items.")
    )
    open = serializers.SerializerMethodField(
        label=_("Open version"),
        help_text=_(
            "The draft or version in review, with its items; always null for those who "
            "read only approved versions (staff, viewers)."
        ),
    )

    class Meta:
        model = Specification
        fields = [
            "id",
            "contact_point",
            "kind",
            "clause",
            "local",
            "site",
            "document",
            "versions",
            "approved",
            "open",
        ]
        read_only_fields = fields

    def _shown(self, specification: Specification) -> Shown:
        return self.context["shown"][specification.pk]

    @extend_schema_field(SpecificationVersionSerializer(many=True))
    def get_versions(self, specification: Specification) -> list[dict[str, Any]]:
        return SpecificationVersionSerializer(self._shown(specification).versions, many=True).data

    @extend_schema_field(SpecificationVersionItemsSerializer(allow_null=True))
    def get_approved(self, specification: Specification) -> dict[str, Any] | None:
        return self._version(self._shown(specification).approved)

    @extend_schema_field(SpecificationVersionItemsSerializer(allow_null=True))
    def get_open(self, specification: Specification) -> dict[str, Any] | None:
        return self._version(self._shown(specification).opened)

    def _version(self, version: DocumentVersion | None) -> dict[str, Any] | None:
        return (
            None
            if version is None
            else SpecificationVersionItemsSerializer(version, context=self.context).data
        )


def shown_context(specifications: list[Specification], user: Any) -> dict[str, Any]:
    """What each specification shows this person, with the items of every version
    shown in one query."""
    shown = {}
    for specification in specifications:
        document = specification.document
        approved, opened = selectors.versions_to_show(specification, user)
        versions = list(visible_versions(document, user).order_by("-number")) if document else []
        shown[specification.pk] = Shown(versions, approved, opened)
    version_ids = [v.pk for s in shown.values() for v in (s.approved, s.opened) if v is not None]
    return {"shown": shown, "items": selectors.items_of_versions(version_ids)}


class SpecificationStartSerializer(serializers.Serializer):
    kind = NamedChoiceField(
        choices=SpecificationKind.choices,
        label=_("Specification"),
        enum_name="SpecificationKindEnum",
    )
    site = serializers.PrimaryKeyRelatedField(
        queryset=Site.objects.none(),
        required=False,
        allow_null=True,
        label=_("Site"),
        help_text=_(
            "For a site's local addendum to the organization's specification: the site's id."
        ),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            fields["site"].queryset = Site.objects.for_user(request.user)
        return fields


class CategoryNotApplicableSerializer(serializers.Serializer):
    category = NamedChoiceField(
        choices=ItemCategory.choices, label=_("Category"), enum_name="ItemCategoryEnum"
    )
    reason = serializers.CharField(max_length=500, label=_("Why it does not apply"))
