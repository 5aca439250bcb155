"""Form rendering with the UI's markup (label, widget, help and translated errors)."""

from django.forms.renderers import TemplatesSetting


class FuwuFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
