"""Forms of core. They validate shape; services validate meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organization, Role, Site


def style_widgets(form: forms.BaseForm) -> None:
    """Give widgets the CSS classes of the UI, so templates just render `{{ form }}`."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class OrganizationBoundForm(StyledForm):
    """Forms that need the current organization (for choices) take it as a kwarg."""

    def __init__(self, *args: Any, organization: Organization | None = None, **kwargs: Any) -> None:
        self.organization = organization
        super().__init__(*args, **kwargs)


class SiteForm(OrganizationBoundForm):
    code = forms.CharField(label=_("Code"), max_length=30)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class ScopeMixin(StyledForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.STAFF)
    all_sites = forms.BooleanField(
        label=_("All sites"),
        required=False,
        initial=True,
        help_text=_("Untick to restrict this member to the sites chosen below."),
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def set_site_choices(self, organization: Organization | None) -> None:
        qs = Site.objects.filter(organization=organization) if organization else Site.objects.none()
        self.fields["sites"].queryset = qs.order_by("code")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("all_sites") and not data.get("sites"):
            self.add_error("sites", _("Choose at least one site, or tick “all sites”."))
        return data


class MembershipAddForm(OrganizationBoundForm, ScopeMixin):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_(
            "Leave empty to e-mail them a link to set their own password. "
            "Someone who already has a Fuwu login is invited by e-mail instead."
        ),
    )
    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password",
        "role",
        "all_sites",
        "sites",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_site_choices(self.organization)

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password", "")
        if password:
            from django.contrib.auth.password_validation import validate_password

            validate_password(password)
        return password


class MembershipEditForm(OrganizationBoundForm, ScopeMixin):
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_site_choices(self.organization)


class InvitationForm(OrganizationBoundForm, ScopeMixin):
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "We e-mail a link to this address. The person becomes a member when they accept."
        ),
    )
    field_order = ["email", "role", "all_sites", "sites"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_site_choices(self.organization)


class NewAccountForm(StyledForm):
    """The login an invited person creates when they accept."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class OrganizationForm(OrganizationBoundForm):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    slug = forms.SlugField(label=_("Short name"), max_length=50)
    default_language = forms.ChoiceField(
        label=_("Default language"), choices=[("en", "English"), ("zh-hans", "简体中文")]
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class AttachmentForm(StyledForm):
    file = forms.FileField(label=_("File"))
