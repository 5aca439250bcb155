"""Forms of controlled documents. They check shape; the services check meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Site, User
from fuwu.core.permissions import in_site_scope

from .checklists import ChecklistItem
from .models import Category, DisposalMethod
from .retention import kind_choices


class DocumentForm(OrganizationBoundForm):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Who keeps this document up to date. Empty: you."),
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("Organization-wide"),
        help_text=_("Leave empty for a document that applies to the whole organization."),
    )
    review_interval_months = forms.IntegerField(
        label=_("Review interval (months)"), min_value=1, max_value=120, initial=12
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        org = self.organization
        self.fields["owner"].queryset = User.objects.filter(
            memberships__organization=org, memberships__is_active=True, is_active=True
        ).order_by("username")
        self.fields["owner"].label_from_instance = lambda u: f"{u.display_name} ({u.username})"
        self.fields["site"].queryset = (
            Site.objects.for_user(user, organization=org).filter(is_active=True).order_by("code")
            if user is not None
            else Site.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("title_en") or "").strip() and not (data.get("title_zh") or "").strip():
            self.add_error("title_en", _("Give the document a title in English or Chinese."))
        if (
            "site" in data
            and data["site"] is None
            and self.user is not None
            and not in_site_scope(self.user, self.organization, None)
        ):
            self.add_error(
                "site", _("Choose one of your sites: you keep the documents of your sites.")
            )
        return data


class DocumentEditForm(DocumentForm):
    next_review_date = forms.DateField(
        label=_("Next review"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Set by approval; bring it forward to review the document sooner."),
    )


class VersionForm(StyledForm):
    body_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        strip=False,  # Markdown: leading spaces are meaningful
        widget=forms.Textarea(attrs={"rows": 18, "lang": "en", "spellcheck": "true"}),
    )
    body_zh = forms.CharField(
        label=_("Text (Chinese)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "lang": "zh-Hans"}),
    )
    change_reason_en = forms.CharField(
        label=_("Reason for change (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changed and why. Needed for every version after the first."),
    )
    change_reason_zh = forms.CharField(
        label=_("Reason for change (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "zh-Hans"}),
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(StyledForm):
    """The approver confirms each required element of the document (if any)."""

    checklist = forms.MultipleChoiceField(
        label=_("Required elements"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, items: tuple[ChecklistItem, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = [(item.key, item.label) for item in items]
        if not items:
            del self.fields["checklist"]


class ReviewForm(StyledForm):
    note = forms.CharField(
        label=_("Review note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the review looked at; the document stays as it is."),
    )


class RecordTypeForm(OrganizationBoundForm):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    model_label = forms.ChoiceField(label=_("Records"), choices=())
    retention_months = forms.IntegerField(
        label=_("Retention period (months)"),
        min_value=1,
        max_value=1200,
        required=False,
        help_text=_("Leave empty only for records kept permanently."),
    )
    disposal_method = forms.ChoiceField(label=_("Disposal"), choices=DisposalMethod.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["model_label"]  # the records a type covers do not change
        else:
            self.fields["model_label"].choices = kind_choices()
