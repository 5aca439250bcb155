"""Forms of the standard's pages. They check the shape of the input; the services
decide what is allowed (which clauses may be excluded, what an assessment needs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site

from .conformity import Status
from .models import AssessmentResult
from .selectors import PROCESSES


class AssessmentForm(StyledForm):
    result = forms.ChoiceField(label=_("Result"), choices=AssessmentResult.choices)
    note_en = forms.CharField(
        label=_("Note (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you found. Required for a nonconformity."),
    )
    note_zh = forms.CharField(
        label=_("Note (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Records, documents or links that support the judgement."),
    )


DECISIONS = [("applicable", _("Applicable")), ("excluded", _("Excluded"))]


class ApplicabilityForm(StyledForm):
    applicable = forms.TypedChoiceField(
        label=_("Decision"),
        choices=DECISIONS,
        coerce=lambda value: value == "applicable",
        empty_value=None,
    )
    justification_en = forms.CharField(
        label=_("Justification (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the clause does not apply. Required to exclude it."),
    )
    justification_zh = forms.CharField(
        label=_("Justification (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScopeForm(OrganizationBoundForm):
    statement_en = forms.CharField(
        label=_("Scope statement (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which services, sites and contact points the SMS covers."),
    )
    statement_zh = forms.CharField(
        label=_("Scope statement (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    all_sites = forms.BooleanField(
        label=_("All sites"),
        required=False,
        help_text=_("Untick to name the sites in scope below."),
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites in scope"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    iso9001_certificate = forms.CharField(
        label=_("ISO 9001 certificate number"), max_length=100, required=False
    )
    iso9001_certifier_en = forms.CharField(
        label=_("Certification body (English)"), max_length=200, required=False
    )
    iso9001_certifier_zh = forms.CharField(
        label=_("Certification body (Chinese)"), max_length=200, required=False
    )
    iso9001_valid_until = forms.DateField(
        label=_("Certificate valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sites = Site.objects.filter(organization=self.organization).order_by("code")
        self.fields["sites"].queryset = sites if self.organization else Site.objects.none()


STATUS_FILTERS = [
    ("", _("All statuses")),
    (Status.NONCONFORMING.value, _("Nonconforming only")),
    (Status.NOT_ASSESSED.value, _("Not assessed only")),
    (Status.CONFORMING.value, _("Conforming only")),
    (Status.EXCLUDED.value, _("Excluded only")),
]


class DashboardFilterForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTERS, required=False)
    process = forms.ChoiceField(label=_("Process"), required=False)

    def __init__(self, *args: Any, process_labels: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", _("All processes"))] + [
            (p, process_labels.get(p, p)) for p in PROCESSES
        ]
