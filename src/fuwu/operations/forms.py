"""Forms of operations: shape only; the services judge meaning. The front line's
forms are made for a phone: few fields, the text in the language being used."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site, User
from fuwu.design.models import ContactPoint

from .models import Channel, Confirmation, Priority, RequestKind
from .services.settings import target_keys

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _text(label: Any, rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


def in_language(name: str, text: str) -> dict[str, str]:
    """One text written in the language being used, as the pair the services take."""
    zh = (get_language() or "en").lower().startswith("zh")
    return {f"{name}_en": "" if zh else text, f"{name}_zh": text if zh else ""}


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class PointChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContactPoint) -> str:
        return str(getattr(obj, "label", None) or obj)


class RequestLogForm(OrganizationBoundForm):
    """What a customer asked, in seconds: the type, where, and their words."""

    kind = forms.ChoiceField(
        label=_("Type"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        initial=RequestKind.REQUEST,
    )
    summary = _text(_("What the customer asked"), rows=3, required=True)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = PointChoice(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        initial=Priority.NORMAL,
        widget=forms.RadioSelect,
    )
    immediate_action = _text(_("Done at once, or told the customer"), rows=2)
    met_at_once = forms.BooleanField(
        label=_("Met at once (closes it)"),
        required=False,
        help_text=_("A request met there and then; a complaint still follows its steps."),
    )
    customer_told_at_once = forms.BooleanField(
        label=_("Customer told at once what happens next"), required=False
    )
    customer_name = forms.CharField(label=_("Customer name"), max_length=120, required=False)
    customer_contact = forms.CharField(
        label=_("Customer phone or e-mail"), max_length=254, required=False
    )
    consent = forms.BooleanField(
        label=_("The customer agreed that we keep these for the purpose below"), required=False
    )
    consent_purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        required=False,
        help_text=_("E.g. to call back with the outcome. Erased when served."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sites = Site.objects.for_user(user, organization=self.organization).filter(is_active=True)
        self.fields["site"].queryset = sites
        if sites.count() == 1:
            self.fields["site"].initial = sites.first().pk
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(
            user, organization=self.organization
        )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return (
            {k: v for k, v in data.items() if k not in ("summary", "immediate_action")}
            | in_language("summary", data["summary"])
            | in_language("immediate_action", data.get("immediate_action", ""))
        )


class StepForm(StyledForm):
    """The text of a step (assessment, findings, response, decision)."""

    text = _text(_("Text"), rows=3)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=[("", "---------"), *Priority.choices], required=False
    )


class TransferForm(OrganizationBoundForm):
    to = UserChoice(label=_("Hand over to"), queryset=User.objects.none())
    reason = _text(_("Why"), rows=2, required=True)

    def __init__(self, *args: Any, request_record: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import handlers_for

        if request_record is not None:
            self.fields["to"].queryset = handlers_for(request_record)


class CloseForm(StyledForm):
    confirmation = forms.ChoiceField(
        label=_("What the customer said"),
        choices=[("", "---------"), *Confirmation.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    resolved = forms.TypedChoiceField(
        label=_("Resolved"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    note = _text(_("Closure note"), rows=2)


class SettingsForm(StyledForm):
    """A field per target: minutes to respond, hours to resolve."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, _kind, _priority, _default in target_keys():
            limit = 7 * 24 * 60 if key.startswith("response_") else 90 * 24
            self.fields[key] = forms.IntegerField(
                label=key,
                min_value=1,
                max_value=limit,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )
