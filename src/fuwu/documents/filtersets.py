"""One FilterSet per register, for the pages and the API alike."""

from __future__ import annotations

import django_filters as df
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from fuwu.core.filtersets import SearchFilterSet, YesNoFilter
from fuwu.core.ids import parse_id
from fuwu.core.models import Site

from .models import Category, Document, RecordType, ReviewReminder, Status
from .selectors import overdue_q

ORGANIZATION_WIDE = "none"


class SiteOrOrganizationFilter(df.CharFilter):
    """A site's id, or "none" for organization-wide documents (no site). A plain
    string for the API; the page shows a select of the user's sites. Any other
    value matches no document."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if value == ORGANIZATION_WIDE:
            return qs.filter(site__isnull=True)
        if value:
            site = parse_id(value)
            return qs.filter(site_id=site) if site else qs.none()
        return qs


class OverdueFilter(YesNoFilter):
    """Approved documents whose review date has passed."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if value == "1":
            return qs.filter(overdue_q())
        if value == "0":
            return qs.exclude(overdue_q())
        return qs


class RemindedFilter(YesNoFilter):
    """Documents reminded for their current review cycle."""

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if value not in ("1", "0"):
            return qs
        reminded = Exists(
            ReviewReminder.objects.filter(
                document=OuterRef("pk"), due_date=OuterRef("next_review_date")
            )
        )
        return qs.filter(reminded) if value == "1" else qs.exclude(reminded)


class DocumentFilterSet(SearchFilterSet):
    search_fields = ("number", "title_en", "title_zh")
    category = df.ChoiceFilter(choices=Category.choices, label=_("Category"), empty_label=_("Any"))
    status = df.ChoiceFilter(choices=Status.choices, label=_("Status"), empty_label=_("Any"))
    site = SiteOrOrganizationFilter(label=_("Site"))
    overdue = OverdueFilter(label=_("Overdue for review"))
    reminded = RemindedFilter(label=_("Review reminder"))
    subject_type = df.CharFilter(label=_("Subject type"))
    subject_id = df.CharFilter(label=_("Subject id"))

    class Meta:
        model = Document
        fields = ["category", "status", "subject_type", "subject_id"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        sites = Site.objects.none()
        if request is not None and getattr(request, "user", None) is not None:
            org = getattr(request, "organization", None)
            sites = Site.objects.for_user(request.user, organization=org).order_by("code")
        choices = [
            ("", _("Any")),
            (ORGANIZATION_WIDE, _("Organization-wide")),
            *[(str(site.pk), str(site)) for site in sites],
        ]
        self.filters["site"].extra["widget"] = forms.Select(choices=choices)
        # Filters for other apps' API clients, not for people: keep the page's form short.
        for name in ("subject_type", "subject_id"):
            self.filters[name].extra["widget"] = forms.HiddenInput


class RecordTypeFilterSet(SearchFilterSet):
    search_fields = ("name_en", "name_zh", "model_label")

    class Meta:
        model = RecordType
        fields: list[str] = []
