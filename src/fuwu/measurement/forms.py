"""Forms of measurement. They check shape; the services check meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fuwu.core.forms import OrganizationBoundForm, StyledForm
from fuwu.core.models import Membership, Site, User
from fuwu.design.models import ContactPoint, ContactPointStatus

from .models import AuditProgramme, FindingGrade, InspectionKind, NonconformityGrain, Outcome


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class RoundStartForm(OrganizationBoundForm):
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    contact_point = forms.ModelChoiceField(
        label=_("Contact point"), queryset=ContactPoint.objects.none()
    )
    kind = forms.ChoiceField(label=_("Type"), choices=InspectionKind.choices)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = (
            Site.objects.for_user(user, organization=self.organization)
            .filter(is_active=True)
            .order_by("code")
        )
        self.fields["contact_point"].queryset = ContactPoint.objects.for_user(
            user, organization=self.organization
        ).filter(status=ContactPointStatus.ACTIVE)


class ResultForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Result"),
        choices=[(v, label) for v, label in Outcome.choices if v != Outcome.PENDING],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
    )
    measured_value = forms.DecimalField(
        label=_("Measured value"), required=False, max_digits=14, decimal_places=3
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = forms.FileField(label=_("Photo"), required=False)


class ProgrammeForm(OrganizationBoundForm):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AuditForm(OrganizationBoundForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=AuditProgramme.objects.none())
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("The whole organization"),
    )
    process_en = forms.CharField(label=_("Process audited (English)"), max_length=300)
    process_zh = forms.CharField(
        label=_("Process audited (Chinese)"), max_length=300, required=False
    )
    clauses = forms.MultipleChoiceField(
        label=_("Clauses in scope"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    auditor = MemberChoiceField(label=_("Auditor"), queryset=User.objects.none())
    planned_start = forms.DateField(
        label=_("Planned start"), widget=forms.DateInput(attrs={"type": "date"})
    )
    planned_end = forms.DateField(
        label=_("Planned end"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        from .checklist import auditable_refs

        super().__init__(*args, **kwargs)
        org = self.organization
        self.fields["programme"].queryset = AuditProgramme.objects.filter(organization=org)
        self.fields["site"].queryset = Site.objects.for_user(user, organization=org).order_by(
            "code"
        )
        members = Membership.objects.filter(organization=org, is_active=True)
        self.fields["auditor"].queryset = User.objects.filter(
            pk__in=members.values("user_id")
        ).order_by("username")
        self.fields["clauses"].choices = [(ref, ref) for ref in auditable_refs(org)] if org else []


class FindingForm(StyledForm):
    clause = forms.ChoiceField(label=_("Clause"), choices=())
    site = forms.ModelChoiceField(
        label=_("Site where it was found"),
        queryset=Site.objects.none(),
        required=False,
        help_text=_("For an audit of the whole organization."),
    )
    grade = forms.ChoiceField(label=_("Grade"), choices=FindingGrade.choices)
    description_en = forms.CharField(
        label=_("Finding (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description_zh = forms.CharField(
        label=_("Finding (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_en = forms.CharField(
        label=_("Evidence (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_zh = forms.CharField(
        label=_("Evidence (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, audit: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [(c, c) for c in (audit.clauses if audit else [])]
        if audit is not None and audit.site_id is None:
            self.fields["site"].queryset = Site.objects.filter(
                organization_id=audit.organization_id, is_active=True
            ).order_by("code")
        else:
            del self.fields["site"]


class CompleteAuditForm(StyledForm):
    conclusion_en = forms.CharField(
        label=_("Conclusion (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    conclusion_zh = forms.CharField(
        label=_("Conclusion (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(StyledForm):
    planned_start = forms.DateField(
        label=_("Planned start"), widget=forms.DateInput(attrs={"type": "date"})
    )
    planned_end = forms.DateField(
        label=_("Planned end"), widget=forms.DateInput(attrs={"type": "date"})
    )


class SettingsForm(StyledForm):
    nonconformity_grain = forms.ChoiceField(
        label=_("Nonconformities from inspections"), choices=NonconformityGrain.choices
    )
    audit_cycle_months = forms.IntegerField(
        label=_("Internal audit cycle (months)"), min_value=1, max_value=36
    )
    min_responses = forms.IntegerField(
        label=_("Responses needed per contact point (90 days)"), min_value=1, max_value=100000
    )
    satisfaction_target = forms.IntegerField(
        label=_("Satisfaction target (index 0-100)"), min_value=0, max_value=100
    )


DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


class ReviewForm(OrganizationBoundForm):
    """An analysis review (4.5.3): the period and site read, what was concluded and
    decided, and the records raised from it."""

    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period until"), widget=DATE)
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        empty_label=_("The whole organization"),
    )
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE, required=False)
    notes_en = forms.CharField(label=_("Notes (English)"), required=False, widget=TEXT)
    notes_zh = forms.CharField(label=_("Notes (Chinese)"), required=False, widget=TEXT)
    conclusions_en = forms.CharField(label=_("Conclusions (English)"), required=False, widget=TEXT)
    conclusions_zh = forms.CharField(label=_("Conclusions (Chinese)"), required=False, widget=TEXT)
    decisions_en = forms.CharField(label=_("Decisions (English)"), required=False, widget=TEXT)
    decisions_zh = forms.CharField(label=_("Decisions (Chinese)"), required=False, widget=TEXT)
    nonconformities = forms.ModelMultipleChoiceField(
        label=_("Nonconformities raised"), queryset=Site.objects.none(), required=False
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("Preventive actions raised"), queryset=Site.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        from fuwu.improvement.models import Action, ActionKind, Nonconformity

        super().__init__(*args, **kwargs)
        org = self.organization
        self.fields["site"].queryset = Site.objects.for_user(user, organization=org).order_by(
            "code"
        )
        self.fields["nonconformities"].queryset = Nonconformity.objects.for_user(
            user, organization=org
        ).order_by("-pk")
        self.fields["actions"].queryset = (
            Action.objects.for_user(user, organization=org)
            .filter(kind=ActionKind.PREVENTIVE)
            .order_by("-pk")
        )
