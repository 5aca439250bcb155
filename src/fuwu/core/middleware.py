"""Request id, database outages, per-user language and the current organization."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

from .context import current_request, request_id
from .models import Organization
from .selectors import default_organization

log = logging.getLogger(__name__)
SESSION_ORG = "fuwu_organization_id"
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane X-Request-ID) for the audit trail."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        request_token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(request_token)
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached gives a clear 503 page, not a traceback."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            return self.unavailable(request, exc)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return self.unavailable(request, exc)
        return None

    @staticmethod
    def unavailable(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
        log.error("database unavailable: %s", exc)
        if request.path.startswith("/api/"):
            from django.utils.translation import gettext as _

            return JsonResponse(
                {"detail": _("The database cannot be reached. Try again shortly.")}, status=503
            )
        html = render_to_string("503.html", request=None)
        return HttpResponse(html, status=503, headers={"Retry-After": "30"})


class UserLanguageMiddleware:
    """A logged-in user's saved language wins over the browser's Accept-Language."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if language:
            response.setdefault("Content-Language", language)
        return response


class TenantMiddleware:
    """Sets `request.organization`: the one chosen in the session, else the user's default
    (`selectors.default_organization`, the same as the API's)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organization = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.organization = self.resolve(request)
        return self.get_response(request)

    @staticmethod
    def resolve(request: HttpRequest) -> Organization | None:
        mine = Organization.objects.for_user(request.user)
        chosen = request.session.get(SESSION_ORG)
        org = mine.filter(pk=chosen).first() if chosen else None
        if org is None:
            # Superusers without memberships start in the first organization.
            org = default_organization(request.user) or mine.order_by("pk").first()
            if org is not None:
                request.session[SESSION_ORG] = org.pk
        return org


class ContentSecurityPolicyMiddleware:
    """Only our own scripts run: no inline scripts, no third-party hosts.

    Swagger UI (served from local files by drf-spectacular's sidecar) starts
    itself with an inline script, so its page alone allows that.
    """

    POLICY = (
        "default-src 'self'; script-src 'self'{extra}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        extra = " 'unsafe-inline'" if request.path.startswith("/api/docs/") else ""
        response.setdefault("Content-Security-Policy", self.POLICY.format(extra=extra))
        return response
