"""The FilterSets of return visits and their rules, shared by the pages and the API."""

from __future__ import annotations

import django_filters as df
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .filtersets import scoped
from .models import ReturnVisit, ReturnVisitRule, VisitStatus, VisitTrigger
from .services.visits import overdue_q


class ReturnVisitFilterSet(SearchFilterSet):
    search_fields = ("number", "customer_reference", "outcome_en", "outcome_zh")
    status = df.ChoiceFilter(choices=VisitStatus.choices, label=_("Status"), empty_label=_("Any"))
    trigger = df.ChoiceFilter(choices=VisitTrigger.choices, label=_("After"), empty_label=_("Any"))
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    overdue = df.BooleanFilter(method="only_overdue", label=_("Overdue"))
    mine = df.BooleanFilter(method="only_mine", label=_("Assigned to me"))
    due_after = df.DateFilter(field_name="due_on", lookup_expr="gte", label=_("Due from"))
    due_before = df.DateFilter(field_name="due_on", lookup_expr="lte", label=_("Due until"))

    class Meta:
        model = ReturnVisit
        fields = ["status", "trigger", "site", "contact_point"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def only_mine(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(assigned_to=user)


class ReturnVisitRuleFilterSet(SearchFilterSet):
    search_fields = ("purpose_en", "purpose_zh")
    trigger = df.ChoiceFilter(choices=VisitTrigger.choices, label=_("After"), empty_label=_("Any"))
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    is_active = df.BooleanFilter(label=_("Active"))

    class Meta:
        model = ReturnVisitRule
        fields = ["trigger", "site", "contact_point", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)
