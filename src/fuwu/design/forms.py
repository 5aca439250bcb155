"""Forms of service design. They check shape; the services check meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Membership, Role, Site, User

from .models import (
    CATEGORIES,
    Channel,
    Characteristic,
    ContactPointStatus,
    Frequency,
    Indicator,
    ItemCategory,
    Stage,
)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class ContactPointForm(OrganizationBoundForm):
    code = forms.CharField(label=_("Code"), max_length=30)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    order = forms.IntegerField(
        label=_("Order in the journey"),
        min_value=0,
        initial=10,
        help_text=_("Where the customer meets it, within its stage: smaller comes first."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    manned = forms.BooleanField(
        label=_("Manned"),
        required=False,
        initial=True,
        help_text=_("Untick for an unmanned contact point (a website, kiosk or vending machine)."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ContactPointStatus.choices, initial=ContactPointStatus.PLANNED
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_zh = forms.CharField(
        label=_("Description (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner_role = forms.ChoiceField(
        label=_("Owner (role)"), choices=[("", "—"), *Role.choices], required=False
    )
    owner = MemberChoiceField(
        label=_("Owner (person)"), queryset=User.objects.none(), required=False
    )
    site = forms.ModelChoiceField(
        label=_("Site's own contact point"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("No: the organization's, deployed to the sites below"),
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Deployed at"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sites = Site.objects.for_user(user, organization=self.organization).filter(is_active=True)
        self.fields["site"].queryset = sites.order_by("code")
        self.fields["sites"].queryset = sites.order_by("code")
        members = Membership.objects.filter(organization=self.organization, is_active=True)
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=members.values("user_id")
        ).order_by("username")


class SpecificationItemForm(StyledForm):
    category = forms.ChoiceField(label=_("Category"), choices=())
    text_en = forms.CharField(
        label=_("Requirement (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_zh = forms.CharField(
        label=_("Requirement (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    characteristic = forms.ModelChoiceField(
        label=_("Characteristic"), queryset=Characteristic.objects.none(), required=False
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none(), required=False
    )
    criterion_en = forms.CharField(
        label=_("Measurable criterion (English)"), max_length=300, required=False
    )
    criterion_zh = forms.CharField(
        label=_("Measurable criterion (Chinese)"), max_length=300, required=False
    )
    reference_en = forms.CharField(
        label=_("Law, regulation or norm (English)"),
        max_length=300,
        required=False,
        help_text=_("Where the requirement comes from, if it comes from one."),
    )
    reference_zh = forms.CharField(
        label=_("Law, regulation or norm (Chinese)"), max_length=300, required=False
    )
    method_en = forms.CharField(label=_("Method (English)"), max_length=300, required=False)
    method_zh = forms.CharField(label=_("Method (Chinese)"), max_length=300, required=False)
    frequency = forms.ChoiceField(
        label=_("Frequency"), choices=[("", "—"), *Frequency.choices], required=False
    )
    responsible_en = forms.CharField(label=_("Who (English)"), max_length=200, required=False)
    responsible_zh = forms.CharField(label=_("Who (Chinese)"), max_length=200, required=False)

    def __init__(self, *args: Any, specification: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c, ItemCategory(c).label) for c in CATEGORIES[specification.kind]
        ]
        organization = specification.organization_id
        self.fields["characteristic"].queryset = Characteristic.objects.filter(
            organization_id=organization
        ).order_by("order")
        self.fields["indicator"].queryset = (
            Indicator.objects.filter(organization_id=organization)
            .select_related("characteristic")
            .order_by("characteristic__order", "order")
        )
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.characteristic.name} · {i.name}"
        )


class NotApplicableForm(StyledForm):
    category = forms.ChoiceField(label=_("Category"), choices=())
    reason = forms.CharField(label=_("Why it does not apply"), max_length=500)

    def __init__(self, *args: Any, specification: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c, ItemCategory(c).label) for c in CATEGORIES[specification.kind]
        ]


class ChangeReasonForm(StyledForm):
    change_reason_en = forms.CharField(
        label=_("Reason for change (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    change_reason_zh = forms.CharField(
        label=_("Reason for change (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActivityForm(StyledForm):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    description_en = forms.CharField(
        label=_("How it is planned (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who does it, when and how."),
    )
    description_zh = forms.CharField(
        label=_("How it is planned (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class CharacteristicForm(StyledForm):
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=100, required=False)


class IndicatorForm(StyledForm):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
