"""Forms of return visits, made for a phone: entering a check-out in seconds,
performing a visit with the customer on the line (the texts in the language being
used), assigning it, and the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site, User
from fuwu.design.models import ContactPoint

from .forms import DATETIME, PointChoice, UserChoice, _text, in_language
from .forms_communication import _scope
from .forms_property import DATE
from .models import Channel, VisitTrigger

SATISFACTION = [
    ("", "—"),
    ("5", _("5 · Very satisfied")),
    ("4", _("4 · Satisfied")),
    ("3", _("3 · Neutral")),
    ("2", _("2 · Dissatisfied")),
    ("1", _("1 · Very dissatisfied")),
]


class VisitPlanForm(OrganizationBoundForm):
    """A service ended (e.g. a guest checked out): the rule plans the visit."""

    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = PointChoice(label=_("Contact point"), queryset=ContactPoint.objects.none())
    customer_reference = forms.CharField(label=_("Room or booking"), max_length=120, required=False)
    service_ended_at = forms.DateTimeField(
        label=_("Service ended at"), required=False, widget=DATETIME, help_text=_("Empty: now.")
    )
    due_on = forms.DateField(
        label=_("Visit due"),
        required=False,
        widget=DATE,
        help_text=_("Empty: as the contact point's rule says."),
    )
    customer_name = forms.CharField(label=_("Customer's name"), max_length=120, required=False)
    customer_contact = forms.CharField(
        label=_("Customer's phone or e-mail"), max_length=254, required=False
    )
    consent = forms.BooleanField(
        label=_("The customer agreed that we keep these for the purpose below"), required=False
    )
    consent_purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        required=False,
        help_text=_("E.g. to call after the stay."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)


class VisitEditForm(OrganizationBoundForm):
    due_on = forms.DateField(label=_("Visit due"), widget=DATE)
    customer_reference = forms.CharField(label=_("Room or booking"), max_length=120, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class PerformForm(StyledForm):
    reached = forms.TypedChoiceField(
        label=_("Customer reached"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices, initial=Channel.PHONE)
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied is the customer?"),
        choices=SATISFACTION,
        coerce=int,
        empty_value=None,
        required=False,
    )
    outcome = _text(_("Outcome"), rows=3, required=True)
    maintenance = _text(
        _("Maintenance the customer asks for"),
        rows=2,
        required=False,
    )

    @staticmethod
    def service_data(data: dict[str, Any]) -> dict[str, Any]:
        """The form's cleaned data as the service takes it."""
        return (
            {k: data[k] for k in ("reached", "channel", "satisfaction")}
            | in_language("outcome", data["outcome"])
            | in_language("maintenance", data.get("maintenance") or "")
        )


class AssignForm(StyledForm):
    assigned_to = UserChoice(label=_("Performed by"), queryset=User.objects.none())

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["assigned_to"].queryset = people


class RuleForm(OrganizationBoundForm):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = PointChoice(label=_("Contact point"), queryset=ContactPoint.objects.none())
    trigger = forms.ChoiceField(label=_("After"), choices=VisitTrigger.choices)
    days_after = forms.IntegerField(label=_("Days after"), min_value=0, max_value=365, initial=3)
    purpose_en = _text(_("What to ask (English)"), rows=2)
    purpose_zh = _text(_("What to ask (Chinese)"), rows=2)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)


class RuleEditForm(OrganizationBoundForm):
    days_after = forms.IntegerField(label=_("Days after"), min_value=0, max_value=365)
    purpose_en = _text(_("What to ask (English)"), rows=2)
    purpose_zh = _text(_("What to ask (Chinese)"), rows=2)
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
