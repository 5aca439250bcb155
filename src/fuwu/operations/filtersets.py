"""One FilterSet per register, shared by the pages and the API."""

from __future__ import annotations

import django_filters as df
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .models import Channel, Confirmation, CustomerRequest, Priority, RequestKind, RequestStatus


def scoped(filterset: SearchFilterSet, **querysets: type) -> None:
    """Choices of sites and contact points cut to what the reader may see."""
    request = filterset.request
    if request is None or getattr(request, "user", None) is None:
        return
    organization = getattr(request, "organization", None)
    for name, model in querysets.items():
        filterset.filters[name].queryset = model.objects.for_user(
            request.user, organization=organization
        )


class CustomerRequestFilterSet(SearchFilterSet):
    search_fields = ("number", "summary_en", "summary_zh", "response_en", "response_zh")
    kind = df.ChoiceFilter(choices=RequestKind.choices, label=_("Type"), empty_label=_("Any"))
    status = df.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"), empty_label=_("Any"))
    priority = df.ChoiceFilter(choices=Priority.choices, label=_("Priority"), empty_label=_("Any"))
    channel = df.ChoiceFilter(choices=Channel.choices, label=_("Channel"), empty_label=_("Any"))
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    confirmation = df.ChoiceFilter(
        choices=Confirmation.choices, label=_("Customer's confirmation"), empty_label=_("Any")
    )
    is_open = df.BooleanFilter(method="only_open", label=_("Open"))
    overdue = df.BooleanFilter(method="only_overdue", label=_("Overdue"))
    escalated = df.BooleanFilter(
        field_name="escalated_at", lookup_expr="isnull", exclude=True, label=_("Escalated")
    )
    received_after = df.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("Received from")
    )
    received_before = df.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("Received until")
    )

    class Meta:
        model = CustomerRequest
        fields = ["kind", "status", "priority", "channel", "site", "contact_point"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)

    def only_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        closed = queryset.filter(status=RequestStatus.CLOSED)
        return queryset.exclude(pk__in=closed.values("pk")) if value else closed

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        from .services.requests import overdue_q

        if value:
            return queryset.filter(overdue_q(timezone.now()))
        return queryset


# -- customer communication (4.4.4) and customer property (4.4.7) -----------------------------

from .models import Communication, PropertyItem, PropertyStatus, Purpose  # noqa: E402


class CommunicationFilterSet(SearchFilterSet):
    search_fields = ("summary_en", "summary_zh")
    purpose = df.ChoiceFilter(choices=Purpose.choices, label=_("Purpose"), empty_label=_("Any"))
    channel = df.ChoiceFilter(choices=Channel.choices, label=_("Channel"), empty_label=_("Any"))
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    unanswered = df.BooleanFilter(method="only_unanswered", label=_("Enquiry not answered"))
    occurred_after = df.DateFilter(
        field_name="occurred_at", lookup_expr="date__gte", label=_("From")
    )
    occurred_before = df.DateFilter(
        field_name="occurred_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = Communication
        fields = ["purpose", "channel", "site", "contact_point"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)

    def only_unanswered(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        enquiries = queryset.filter(purpose=Purpose.RESPOND)
        return (
            enquiries.filter(answered_at__isnull=True)
            if value
            else enquiries.filter(answered_at__isnull=False)
        )


class PropertyItemFilterSet(SearchFilterSet):
    search_fields = ("number", "description_en", "description_zh", "storage_location")
    status = df.ChoiceFilter(
        choices=PropertyStatus.choices, label=_("Status"), empty_label=_("Any")
    )
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    contact_point = df.ModelChoiceFilter(
        queryset=ContactPoint.objects.none(), label=_("Contact point")
    )
    overdue = df.BooleanFilter(method="only_overdue", label=_("Overdue for return"))
    received_after = df.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("Received from")
    )
    received_before = df.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("Received until")
    )

    class Meta:
        model = PropertyItem
        fields = ["status", "site", "contact_point"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scoped(self, site=Site, contact_point=ContactPoint)

    def only_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value:
            return queryset.filter(
                status=PropertyStatus.IN_CUSTODY, expected_return_on__lt=timezone.localdate()
            )
        return queryset
