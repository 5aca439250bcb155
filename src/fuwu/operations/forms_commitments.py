"""Forms of customer requirements (4.4.2) and service commitments (4.4.5): shape only,
the services judge meaning. Made for a phone: stacked fields, dates as pickers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Membership, Site, User
from fuwu.design.models import Characteristic, ContactPoint

from . import fulfilment
from .forms import DATETIME, PointChoice, UserChoice
from .models import (
    Channel,
    CommitmentKind,
    Comparison,
    CustomerRequirement,
    RequirementKind,
    RequirementSource,
    ReviewDecision,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def _sites(form: forms.Form, user: Any, organization: Any) -> None:
    form.fields["site"].queryset = Site.objects.for_user(user, organization=organization).order_by(
        "code"
    )


class CharacteristicChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Characteristic) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class RequirementForm(OrganizationBoundForm):
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Whole organization"),
    )
    source = forms.ChoiceField(label=_("Source"), choices=RequirementSource.choices)
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=RequirementKind.choices,
        widget=forms.RadioSelect,
        initial=RequirementKind.EXPLICIT,
    )
    customer_en = forms.CharField(label=_("Customer or segment (English)"), required=False)
    customer_zh = forms.CharField(label=_("Customer or segment (Chinese)"), required=False)
    text_en = _text(_("Requirement (English)"))
    text_zh = _text(_("Requirement (Chinese)"))
    reference = forms.CharField(
        label=_("Reference (contract, order, law)"), max_length=200, required=False
    )
    received_on = forms.DateField(label=_("Received on"), widget=DATE, required=False)
    contact_points = forms.ModelMultipleChoiceField(
        label=_("Contact points"),
        queryset=ContactPoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    characteristics = CharacteristicChoice(
        label=_("Service characteristics"),
        queryset=Characteristic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _sites(self, user, self.organization)
        self.fields["contact_points"].queryset = ContactPoint.objects.for_user(
            user, organization=self.organization
        ).order_by("order", "code")
        self.fields["characteristics"].queryset = Characteristic.objects.filter(
            organization=self.organization
        )


class RequirementReviewForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    tangible_en = _text(_("Capability, tangible characteristics (English)"), rows=2)
    tangible_zh = _text(_("Capability, tangible characteristics (Chinese)"), rows=2)
    intangible_en = _text(_("Capability, intangible characteristics (English)"), rows=2)
    intangible_zh = _text(_("Capability, intangible characteristics (Chinese)"), rows=2)
    reasons_en = _text(_("Conditions, alternative or reasons (English)"), rows=2)
    reasons_zh = _text(_("Conditions, alternative or reasons (Chinese)"), rows=2)
    customer_told_at = forms.DateTimeField(
        label=_("Customer told at"), widget=DATETIME, required=False
    )
    customer_told_how = forms.ChoiceField(
        label=_("Customer told how"), choices=[("", "—"), *Channel.choices], required=False
    )
    customer_agreed = forms.NullBooleanField(
        label=_("Customer agreed (to an alternative)"), required=False
    )


def _owners(organization: Any) -> Any:
    members = Membership.objects.filter(organization=organization, is_active=True)
    return User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
        "username"
    )


class CommitmentForm(OrganizationBoundForm):
    kind = forms.ChoiceField(label=_("Type"), choices=CommitmentKind.choices)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Whole organization"),
    )
    promise_en = _text(_("Promise (English)"), rows=2)
    promise_zh = _text(_("Promise (Chinese)"), rows=2)
    criterion_en = _text(_("Fulfilment criterion (English)"), rows=2)
    criterion_zh = _text(_("Fulfilment criterion (Chinese)"), rows=2)
    comparison = forms.ChoiceField(label=_("Kept when the measure is"), choices=Comparison.choices)
    target = forms.DecimalField(label=_("Target"), max_digits=10, decimal_places=2)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    published_where_en = forms.CharField(
        label=_("Where it is published (English)"), max_length=300, required=False
    )
    published_where_zh = forms.CharField(
        label=_("Where it is published (Chinese)"), max_length=300, required=False
    )
    owner = UserChoice(label=_("Owner"), queryset=User.objects.none())
    requirement = forms.ModelChoiceField(
        label=_("Requirement it answers"),
        queryset=CustomerRequirement.objects.none(),
        required=False,
    )
    contact_point = PointChoice(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), required=False
    )
    characteristic = forms.ModelChoiceField(
        label=_("Service characteristic"),
        queryset=Characteristic.objects.none(),
        required=False,
    )
    fulfilment_source = forms.ChoiceField(label=_("Fulfilment measured from"), choices=())

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.organization
        _sites(self, user, organization)
        self.fields["owner"].queryset = _owners(organization)
        self.fields["requirement"].queryset = CustomerRequirement.objects.for_user(
            user, organization=organization
        )
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(
            user, organization=organization
        ).order_by("order", "code")
        self.fields["characteristic"].queryset = Characteristic.objects.filter(
            organization=organization
        )
        self.fields["fulfilment_source"].choices = fulfilment.source_choices()
        self.fields["fulfilment_source"].initial = fulfilment.MANUAL


class CommitmentReviewForm(StyledForm):
    approved = forms.TypedChoiceField(
        label=_("Can the organization keep it?"),
        choices=[("yes", _("Yes: approve")), ("no", _("No: refuse"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    tangible_en = _text(_("Capability, tangible characteristics (English)"), rows=2)
    tangible_zh = _text(_("Capability, tangible characteristics (Chinese)"), rows=2)
    intangible_en = _text(_("Capability, intangible characteristics (English)"), rows=2)
    intangible_zh = _text(_("Capability, intangible characteristics (Chinese)"), rows=2)
    note_en = _text(_("Note (English)"), rows=2)
    note_zh = _text(_("Note (Chinese)"), rows=2)


class FulfilmentForm(StyledForm):
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("Until"), widget=DATE)
    delivered = forms.DecimalField(
        label=_("Delivered"),
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to measure it from Fuwu's data, where the commitment can be."),
    )
    sample_size = forms.IntegerField(label=_("Sample size"), min_value=0, required=False)
    note_en = _text(_("Note (English)"), rows=2)
    note_zh = _text(_("Note (Chinese)"), rows=2)
    site = forms.ModelChoiceField(
        label=_("Site (an organization-wide commitment not kept)"),
        queryset=Site.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any = None, organization: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _sites(self, user, organization)


def scoped_points(user: Any, organization: Any, site: Any) -> Any:
    qs = ContactPoint.objects.for_user(user, organization=organization)
    return qs.filter(Q(site__isnull=True) | Q(site=site)) if site else qs
