"""One FilterSet for the contact point register and its API."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet, YesNoFilter
from fuwu.core.models import Site

from .models import Channel, ContactPoint, ContactPointStatus, Stage


class DeployedAtFilter(df.ModelChoiceFilter):
    """Contact points that customers meet at a site: deployed there, or its own."""

    def filter(self, qs: QuerySet, value: Site | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(Q(sites=value) | Q(site=value)).distinct()


class ContactPointFilterSet(SearchFilterSet):
    search_fields = ("code", "name_en", "name_zh", "description_en", "description_zh")
    stage = df.ChoiceFilter(choices=Stage.choices, label=_("Stage"), empty_label=_("Any"))
    channel = df.ChoiceFilter(choices=Channel.choices, label=_("Channel"), empty_label=_("Any"))
    status = df.ChoiceFilter(
        choices=ContactPointStatus.choices, label=_("Status"), empty_label=_("Any")
    )
    site = DeployedAtFilter(queryset=Site.objects.none(), label=_("Site"))
    manned = YesNoFilter(field_name="manned", label=_("Manned"))

    class Meta:
        model = ContactPoint
        fields = ["stage", "channel", "status", "site", "manned"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        if request is not None and getattr(request, "user", None) is not None:
            organization = getattr(request, "organization", None)
            self.filters["site"].queryset = Site.objects.for_user(
                request.user, organization=organization
            )
