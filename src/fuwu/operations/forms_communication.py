"""Forms of the communication log: logging in seconds on a phone (one text, in the
language being used) and correcting what was logged (both languages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .forms import DATETIME, PointChoice, _text, in_language
from .models import Channel, Purpose


def _scope(form: Any, user: Any) -> None:
    if "site" in form.fields:
        sites = Site.objects.for_user(user, organization=form.organization).filter(is_active=True)
        form.fields["site"].queryset = sites
        if sites.count() == 1:
            form.fields["site"].initial = sites.first().pk
    form.fields["contact_point"].queryset = ContactPoint.objects.for_user(
        user, organization=form.organization
    )


class CommunicationForm(OrganizationBoundForm):
    """What was said to whom, where, why; an enquiry with the time it was answered."""

    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    summary = _text(_("What was said"), rows=3, required=True)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = PointChoice(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    occurred_at = forms.DateTimeField(
        label=_("When (for an enquiry: when the customer asked)"),
        required=False,
        widget=DATETIME,
        help_text=_("Empty: now."),
    )
    answered_at = forms.DateTimeField(
        label=_("Answered (an enquiry)"), required=False, widget=DATETIME
    )
    customer_reference = forms.CharField(
        label=_("Customer reference (optional)"),
        max_length=120,
        required=False,
        help_text=_("E.g. a booking number; kept only with the customer's consent."),
    )
    consent = forms.BooleanField(
        label=_("The customer agreed that we keep their reference"), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)


class CommunicationEditForm(OrganizationBoundForm):
    """Correct a logged communication; its site and the customer's reference stay."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    summary_en = _text(_("Summary (English)"), rows=3)
    summary_zh = _text(_("Summary (Chinese)"), rows=3)
    contact_point = PointChoice(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), required=False
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    occurred_at = forms.DateTimeField(label=_("When"), widget=DATETIME)
    answered_at = forms.DateTimeField(
        label=_("Answered (an enquiry)"), required=False, widget=DATETIME
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)


class CommunicationSettingsForm(StyledForm):
    enquiry_response_minutes = forms.IntegerField(
        label=_("An enquiry is answered within (minutes)"), min_value=1, max_value=7 * 24 * 60
    )


def communication_data(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The logging form's data as the service takes it."""
    data = {k: v for k, v in cleaned.items() if k != "summary"}
    return data | in_language("summary", cleaned.get("summary", ""))
