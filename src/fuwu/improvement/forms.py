"""Forms of improvement: shape only; the services judge meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site, User
from fuwu.design.models import CharacteristicKey, ContactPoint

from .models import ActionKind, CauseCategory, Nonconformity, PreventiveOrigin, Severity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _text(label: Any, rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


def members_of(organization: Any) -> Any:
    return User.objects.filter(
        memberships__organization=organization, memberships__is_active=True
    ).order_by("username")


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class NonconformityForm(OrganizationBoundForm):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = forms.ModelChoiceField(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), required=False
    )
    characteristic = forms.ChoiceField(
        label=_("Characteristic"),
        choices=[("", "---------"), *CharacteristicKey.choices],
        required=False,
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    description_en = _text(_("Description (English)"))
    description_zh = _text(_("Description (Chinese)"))
    detected_at = forms.DateTimeField(label=_("Detected"), widget=DATETIME, required=False)
    customer_affected = forms.BooleanField(label=_("Customer affected"), required=False)
    immediate_remedy_en = _text(_("Immediate remedy (English)"), rows=2)
    immediate_remedy_zh = _text(_("Immediate remedy (Chinese)"), rows=2)
    customer_informed = forms.BooleanField(label=_("Customer informed"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.for_user(user, organization=self.organization)
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(
            user, organization=self.organization
        )


class CauseForm(StyledForm):
    cause_category = forms.ChoiceField(label=_("Cause category"), choices=CauseCategory.choices)
    whys_en = _text(_("Five whys (English), one per line"), rows=5)
    whys_zh = _text(_("Five whys (Chinese), one per line"), rows=5)
    root_cause_en = _text(_("Root cause (English)"), rows=2)
    root_cause_zh = _text(_("Root cause (Chinese)"), rows=2)


class DispositionForm(StyledForm):
    disposition_en = _text(_("Disposition (English)"), rows=2)
    disposition_zh = _text(_("Disposition (Chinese)"), rows=2)
    customer_informed = forms.BooleanField(label=_("Customer informed"), required=False)


class PlanForm(OrganizationBoundForm):
    """Plan an action on a nonconformity's page: its kind, owner, due date."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ActionKind.choices)
    description_en = _text(_("Description (English)"))
    description_zh = _text(_("Description (Chinese)"))
    owner = UserChoice(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members_of(self.organization)


class ActionForm(PlanForm):
    """Plan an action in the register: on a nonconformity, or a preventive one on
    its own (from a trend, an analysis, an audit observation)."""

    nonconformity = forms.ModelChoiceField(
        label=_("Nonconformity"), queryset=Nonconformity.objects.none(), required=False
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        help_text=_("For a preventive action on its own; empty: the whole organization."),
    )
    origin = forms.ChoiceField(
        label=_("Origin"), choices=[("", "---------"), *PreventiveOrigin.choices], required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["nonconformity"].queryset = Nonconformity.objects.for_user(
            user, organization=self.organization
        ).exclude(status="closed")
        self.fields["site"].queryset = Site.objects.for_user(user, organization=self.organization)


class ActionEditForm(OrganizationBoundForm):
    description_en = _text(_("Description (English)"))
    description_zh = _text(_("Description (Chinese)"))
    owner = UserChoice(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members_of(self.organization)


class CompleteForm(StyledForm):
    evidence_en = _text(_("Evidence (English)"), rows=2)
    evidence_zh = _text(_("Evidence (Chinese)"), rows=2)


class VerifyForm(StyledForm):
    effective = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Effective")), ("0", _("Not effective"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    evidence_en = _text(_("Evidence (English)"), rows=2)
    evidence_zh = _text(_("Evidence (Chinese)"), rows=2)
    due_on = forms.DateField(
        label=_("Due again"),
        widget=DATE,
        required=False,
        help_text=_("When not effective: the reopened action's new due date."),
    )


class SettingsForm(StyledForm):
    disposition_days = forms.IntegerField(
        label=_("Disposition within (days)"), min_value=1, max_value=365
    )
    overdue_days = forms.IntegerField(
        label=_("Long overdue after (days)"), min_value=1, max_value=365
    )
    verification_days = forms.IntegerField(
        label=_("Verify effectiveness after (days)"), min_value=0, max_value=365
    )
