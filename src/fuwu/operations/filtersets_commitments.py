"""FilterSets of customer requirements and service commitments, shared by the pages
and the API."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet
from fuwu.core.models import Site
from fuwu.design.models import Characteristic, ContactPoint

from .filtersets import scoped
from .models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    CustomerRequirement,
    RequirementKind,
    RequirementSource,
    RequirementStatus,
)


class CustomerRequirementFilterSet(SearchFilterSet):
    search_fields = ("number", "text_en", "text_zh", "customer_en", "customer_zh", "reference")
    source = df.ChoiceFilter(
        choices=RequirementSource.choices, label=_("Source"), empty_label=_("Any")
    )
    kind = df.ChoiceFilter(choices=RequirementKind.choices, label=_("Type"), empty_label=_("Any"))
    status = df.ChoiceFilter(
        choices=RequirementStatus.choices, label=_("Status"), empty_label=_("Any")
    )
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        field_name="contact_points",
        queryset=ContactPoint.objects.none(),
        label=_("Contact point"),
        distinct=True,
    )
    characteristic = df.ModelChoiceFilter(
        field_name="characteristics",
        queryset=Characteristic.objects.none(),
        label=_("Characteristic"),
        distinct=True,
    )
    received_after = df.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Received from")
    )
    received_before = df.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Received until")
    )

    class Meta:
        model = CustomerRequirement
        fields = ["source", "kind", "status", "site"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)
        request = self.request
        organization = getattr(request, "organization", None) if request else None
        if organization is not None:
            self.filters["characteristic"].queryset = Characteristic.objects.filter(
                organization=organization
            )


class CommitmentFilterSet(SearchFilterSet):
    search_fields = ("number", "promise_en", "promise_zh", "criterion_en", "criterion_zh")
    kind = df.ChoiceFilter(choices=CommitmentKind.choices, label=_("Type"), empty_label=_("Any"))
    status = df.ChoiceFilter(
        choices=CommitmentStatus.choices, label=_("Status"), empty_label=_("Any")
    )
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    fulfilment_source = df.CharFilter(label=_("Fulfilment measured from"))

    class Meta:
        model = Commitment
        fields = ["kind", "status", "site", "contact_point", "fulfilment_source"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)
