"""Forms of shift hand-over, made for a phone: where, and the notes in the language
being used; the open requests and the property are assembled from the data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .forms import PointChoice, _text, in_language
from .forms_communication import _scope
from .services.handovers import MAX_ACKNOWLEDGE_HOURS


class HandoverForm(OrganizationBoundForm):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = PointChoice(
        label=_("Contact point"), queryset=ContactPoint.objects.none(), required=False
    )
    notes = _text(_("For the next shift"), rows=4)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)
        self.fields["notes"].help_text = _(
            "What the next shift must know or do: a guest to call back, a room to check."
        )

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "notes"}
        return data | in_language("notes", self.cleaned_data.get("notes", ""))


class HandoverSettingsForm(StyledForm):
    acknowledge_within_hours = forms.IntegerField(
        label=_("A hand-over is acknowledged within (hours)"),
        min_value=1,
        max_value=MAX_ACKNOWLEDGE_HOURS,
    )
