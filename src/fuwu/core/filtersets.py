"""FilterSets shared by the UI registers and the API.

Every FilterSet of Fuwu derives from `FilterSet` here (a test checks it), so that a
number filter never hands the database a value it cannot hold: out-of-range
numbers are a form error (400 on the API, the filter ignored on a page) instead of
SQLite's OverflowError. Filters that read an id by hand use `fuwu.core.ids.parse_id`."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q, QuerySet
from django.forms import Form
from django.utils.translation import gettext_lazy as _

from .forms import style_widgets
from .ids import MAX_ID
from .models import AuditEntry, Invitation, Membership, Organization, Role, Site
from .models.audit import AuditAction


class FilterSet(df.FilterSet):
    """The base of every FilterSet: numbers bounded to what the database holds."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, df.NumberFilter):
                filter_.extra.setdefault("min_value", -MAX_ID)
                filter_.extra.setdefault("max_value", MAX_ID)


class SearchFilterSet(FilterSet):
    """Adds `q`: a case-insensitive search over `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = df.CharFilter(method="search", label=_("Search"))

    @property
    def form(self) -> Form:  # django-filter builds it; we style it once
        form = super().form
        if not getattr(form, "_fuwu_styled", False):
            style_widgets(form)
            form._fuwu_styled = True
        return form

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class YesNoFilter(df.ChoiceFilter):
    """A yes / no / any filter on a boolean field ("any" when empty)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("choices", (("1", _("Yes")), ("0", _("No"))))
        kwargs.setdefault("empty_label", _("Any"))
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if value in ("1", "0"):
            return qs.filter(**{self.field_name: value == "1"})
        return qs


class SiteFilterSet(SearchFilterSet):
    search_fields = ("code", "name_en", "name_zh", "address")
    is_active = YesNoFilter(label=_("Active"))

    class Meta:
        model = Site
        fields = ["is_active"]


class MembershipFilterSet(SearchFilterSet):
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    role = df.ChoiceFilter(choices=Role.choices, label=_("Role"))
    is_active = YesNoFilter(label=_("Active"))
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), method="in_site", label=_("Site"))

    class Meta:
        model = Membership
        fields = ["role", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        if request is not None and getattr(request, "user", None) is not None:
            org = getattr(request, "organization", None)
            self.filters["site"].queryset = Site.objects.for_user(request.user, organization=org)

    def in_site(self, queryset: QuerySet, name: str, value: Site) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Q(all_sites=True) | Q(sites=value)).distinct()


class InvitationFilterSet(SearchFilterSet):
    search_fields = ("email",)
    role = df.ChoiceFilter(choices=Role.choices, label=_("Role"))

    class Meta:
        model = Invitation
        fields = ["role"]


class AuditEntryFilterSet(SearchFilterSet):
    search_fields = ("object_repr", "object_type", "object_id", "actor_name", "request_id")
    action = df.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    object_type = df.CharFilter(label=_("Object type"))
    object_id = df.CharFilter(label=_("Object id"))
    created_after = df.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="gte", label=_("From")
    )
    created_before = df.IsoDateTimeFilter(field_name="created_at", lookup_expr="lte", label=_("To"))

    class Meta:
        model = AuditEntry
        fields = ["action", "object_type", "object_id"]


class OrganizationFilterSet(SearchFilterSet):
    search_fields = ("name_en", "name_zh", "slug")
    is_active = YesNoFilter(label=_("Active"))

    class Meta:
        model = Organization
        fields = ["is_active"]
