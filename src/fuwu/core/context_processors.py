"""What the application shell needs on every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import Organization
from .navigation import navigation_for
from .permissions import membership_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"fuwu_version": settings.VERSION}
    organization = getattr(request, "organization", None)
    return {
        "fuwu_version": settings.VERSION,
        "current_organization": organization,
        "current_membership": membership_for(user, organization),
        "my_organizations": lambda: list(Organization.objects.for_user(user).order_by("name_en")),
        "navigation": lambda: navigation_for(request),
    }
