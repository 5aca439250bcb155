"""The FilterSet of shift hand-overs, shared by the pages and the API."""

from __future__ import annotations

import django_filters as df
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .filtersets import scoped
from .models import Handover


class HandoverFilterSet(SearchFilterSet):
    search_fields = ("number", "notes_en", "notes_zh")
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    unacknowledged = df.BooleanFilter(method="only_unacknowledged", label=_("Unacknowledged"))
    flagged = df.BooleanFilter(
        field_name="flagged_at", lookup_expr="isnull", exclude=True, label=_("Flagged")
    )
    handed_over_after = df.DateFilter(
        field_name="handed_over_at", lookup_expr="date__gte", label=_("Handed over from")
    )
    handed_over_before = df.DateFilter(
        field_name="handed_over_at", lookup_expr="date__lte", label=_("Handed over until")
    )

    class Meta:
        model = Handover
        fields = ["site", "contact_point"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)

    def only_unacknowledged(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(acknowledged_at__isnull=value)
