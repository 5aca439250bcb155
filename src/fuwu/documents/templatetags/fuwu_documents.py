"""Template helpers of controlled documents."""

from django import template

from fuwu.documents.models import Status

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """The translated label of a status value (as stored in audit entries)."""
    try:
        return str(Status(value).label)
    except ValueError:
        return value or ""
