"""Forms of the custody register: receiving an item (phone-first: one text per field
in the language being used, a photo from the camera), correcting it while in
custody, handing it back, reporting a loss or damage, telling the customer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .forms import DATETIME, PointChoice, _text, in_language
from .forms_communication import _scope
from .models import Channel, PropertyStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PHOTO = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})


class PropertyReceiveForm(OrganizationBoundForm):
    description = _text(_("What"), rows=2, required=True)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = PointChoice(
        label=_("Received at"), queryset=ContactPoint.objects.none(), required=False
    )
    condition = _text(_("Condition"), rows=2, required=True)
    photo = forms.FileField(
        label=_("Photo of its condition"),
        required=False,
        widget=PHOTO,
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
    )
    storage_location = forms.CharField(label=_("Kept at"), max_length=200)
    expected_return_on = forms.DateField(label=_("Expected return"), required=False, widget=DATE)
    owner_name = forms.CharField(label=_("Owner's name"), max_length=120, required=False)
    owner_contact = forms.CharField(
        label=_("Owner's phone or e-mail"), max_length=254, required=False
    )
    consent = forms.BooleanField(
        label=_("The owner agreed that we keep these for the purpose below"), required=False
    )
    consent_purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        required=False,
        help_text=_("E.g. to hand the item back. Erased when served."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)


class PropertyEditForm(OrganizationBoundForm):
    description_en = _text(_("What (English)"), rows=2)
    description_zh = _text(_("What (Chinese)"), rows=2)
    condition_en = _text(_("Condition (English)"), rows=2)
    condition_zh = _text(_("Condition (Chinese)"), rows=2)
    photo = forms.FileField(
        label=_("Photo of its condition"),
        required=False,
        widget=PHOTO,
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
    )
    storage_location = forms.CharField(label=_("Kept at"), max_length=200)
    expected_return_on = forms.DateField(label=_("Expected return"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ReturnForm(StyledForm):
    returned_to = forms.CharField(
        label=_("Handed back to"),
        max_length=120,
        help_text=_("The owner, or the person they sent (name as on their ID)."),
    )


class ReportForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (PropertyStatus.LOST, PropertyStatus.LOST.label),
            (PropertyStatus.DAMAGED, PropertyStatus.DAMAGED.label),
        ],
        widget=forms.RadioSelect,
    )
    incident = _text(_("Describe it"), rows=2, required=True)
    customer_informed_at = forms.DateTimeField(
        label=_("Customer told at"), required=False, widget=DATETIME
    )
    customer_informed_how = forms.ChoiceField(
        label=_("Customer told how"), choices=[("", "---------"), *Channel.choices], required=False
    )

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "incident"}
        return data | in_language("incident", self.cleaned_data["incident"])


class InformForm(StyledForm):
    customer_informed_at = forms.DateTimeField(
        label=_("Customer told at"), required=False, widget=DATETIME, help_text=_("Empty: now.")
    )
    customer_informed_how = forms.ChoiceField(label=_("How"), choices=Channel.choices)


def receive_data(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The receiving form's data as the service takes it."""
    data = {k: v for k, v in cleaned.items() if k not in ("description", "condition")}
    return (
        data
        | in_language("description", cleaned.get("description", ""))
        | in_language("condition", cleaned.get("condition", ""))
    )
