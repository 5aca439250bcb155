"""One FilterSet per register of measurement, for its page and its API."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet, YesNoFilter
from fuwu.core.models import Site

from .models import (
    AnalysisReview,
    Audit,
    AuditProgramme,
    AuditStatus,
    InspectionKind,
    InspectionRound,
    RoundStatus,
)


class _SiteScoped(SearchFilterSet):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        if (
            request is not None
            and getattr(request, "user", None) is not None
            and "site" in self.filters
        ):
            self.filters["site"].queryset = Site.objects.for_user(
                request.user, organization=getattr(request, "organization", None)
            )


class RoundFilterSet(_SiteScoped):
    search_fields = (
        "number",
        "contact_point__code",
        "contact_point__name_en",
        "contact_point__name_zh",
    )
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    status = df.ChoiceFilter(choices=RoundStatus.choices, label=_("Status"), empty_label=_("Any"))
    kind = df.ChoiceFilter(choices=InspectionKind.choices, label=_("Type"), empty_label=_("Any"))
    overdue = YesNoFilter(field_name="overdue", label=_("Overdue"))
    contact_point = df.NumberFilter(field_name="contact_point_id", label=_("Contact point"))

    class Meta:
        model = InspectionRound
        fields = ["site", "status", "kind", "overdue", "contact_point"]


class ProgrammeFilterSet(SearchFilterSet):
    search_fields = ("title_en", "title_zh")

    class Meta:
        model = AuditProgramme
        fields: list[str] = []


class AuditFilterSet(_SiteScoped):
    search_fields = ("number", "process_en", "process_zh")
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))
    programme = df.ModelChoiceFilter(queryset=AuditProgramme.objects.none(), label=_("Programme"))
    status = df.ChoiceFilter(choices=AuditStatus.choices, label=_("Status"), empty_label=_("Any"))

    class Meta:
        model = Audit
        fields = ["site", "status", "programme"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        if request is not None and getattr(request, "user", None) is not None:
            self.filters["programme"].queryset = AuditProgramme.objects.for_user(
                request.user, organization=getattr(request, "organization", None)
            )


class ReviewFilterSet(_SiteScoped):
    search_fields = ("number", "conclusions_en", "conclusions_zh", "notes_en", "notes_zh")
    site = df.ModelChoiceFilter(queryset=Site.objects.none(), label=_("Site"))

    class Meta:
        model = AnalysisReview
        fields = ["site"]
