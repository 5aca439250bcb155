"""One FilterSet per register, shared by the pages and the API."""

from __future__ import annotations

import django_filters as df
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet, YesNoFilter
from fuwu.core.models import Site
from fuwu.design.models import CharacteristicKey, ContactPoint

from .models import (
    Action,
    ActionKind,
    ActionStatus,
    CauseCategory,
    NCStatus,
    Nonconformity,
    Severity,
)
from .sources import source_choices


def _scoped(filterset: SearchFilterSet, **querysets: type) -> None:
    request = filterset.request
    if request is None or getattr(request, "user", None) is None:
        return
    organization = getattr(request, "organization", None)
    for name, model in querysets.items():
        filterset.filters[name].queryset = model.objects.for_user(
            request.user, organization=organization
        )


class NonconformityFilterSet(SearchFilterSet):
    search_fields = ("number", "description_en", "description_zh", "root_cause_en", "root_cause_zh")
    status = df.ChoiceFilter(choices=NCStatus.choices, label=_("Status"), empty_label=_("Any"))
    severity = df.ChoiceFilter(choices=Severity.choices, label=_("Severity"), empty_label=_("Any"))
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    characteristic = df.ChoiceFilter(
        choices=CharacteristicKey.choices, label=_("Characteristic"), empty_label=_("Any")
    )
    cause_category = df.ChoiceFilter(
        choices=CauseCategory.choices, label=_("Cause category"), empty_label=_("Any")
    )
    source_type = df.ChoiceFilter(choices=source_choices, label=_("Source"), empty_label=_("Any"))
    source_id = df.CharFilter(label=_("Source record"))
    customer_affected = YesNoFilter(field_name="customer_affected", label=_("Customer affected"))
    detected_after = df.DateFilter(
        field_name="detected_at", lookup_expr="date__gte", label=_("Detected from")
    )
    detected_before = df.DateFilter(
        field_name="detected_at", lookup_expr="date__lte", label=_("Detected until")
    )

    class Meta:
        model = Nonconformity
        fields = ["status", "severity", "site", "contact_point", "characteristic", "source_type"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _scoped(self, site=Site, contact_point=ContactPoint)


class ActionFilterSet(SearchFilterSet):
    search_fields = ("number", "description_en", "description_zh", "evidence_en", "evidence_zh")
    kind = df.ChoiceFilter(choices=ActionKind.choices, label=_("Kind"), empty_label=_("Any"))
    status = df.ChoiceFilter(choices=ActionStatus.choices, label=_("Status"), empty_label=_("Any"))
    nonconformity = df.ModelChoiceFilter(
        queryset=Nonconformity.objects.none(), label=_("Nonconformity")
    )
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    overdue = df.BooleanFilter(method="only_overdue", label=_("Overdue"))

    class Meta:
        model = Action
        fields = ["kind", "status", "nonconformity", "site"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _scoped(self, site=Site, nonconformity=Nonconformity)

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        from django.utils import timezone

        if value:
            return queryset.filter(status=ActionStatus.PLANNED, due_on__lt=timezone.localdate())
        return queryset
