"""One login lockout for every way in.

Every password check goes through Django's `authenticate()`, and so through
`ThrottledModelBackend`: the login page, the admin login, the API token endpoint and
any way in added later share one counter per username and address
(core/services/throttle.py). While the lock holds, the backend refuses even the right
password and marks the request; `LoginLockoutMiddleware` then answers 429 with
`Retry-After`, whichever view handled the request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .context import current_request
from .services.throttle import login_failed, login_locked_until, login_succeeded

LOCKED_UNTIL = "fuwu_login_locked_until"  # request attribute set while locked


def client_address(request: HttpRequest | None) -> str:
    """The client's address; behind a trusted proxy, the last hop it recorded."""
    if request is None:
        return ""
    meta = getattr(request, "META", {})
    if settings.FUWU_BEHIND_PROXY:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return meta.get("REMOTE_ADDR", "")


def locked_until(request: HttpRequest) -> datetime | None:
    """When the lock met by this request's login attempt ends, if it met one."""
    return getattr(request, LOCKED_UNTIL, None)


def retry_after(until: datetime) -> int:
    return max(1, int((until - timezone.now()).total_seconds()) + 1)


def lockout_message(until: datetime) -> str:
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    return _("Too many failed attempts. Try again in %(minutes)s minutes.") % {"minutes": minutes}


class ThrottledModelBackend(ModelBackend):
    """Django's password check, counted and locked per username and address."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.get("username")
        if username is None or password is None:
            return None
        address = client_address(request)
        until = login_locked_until(username=username, address=address)
        if until:
            if request is not None:
                setattr(request, LOCKED_UNTIL, until)
            # Stops authenticate() at once: no other backend may let the person in.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failed(username=username, address=address)
        else:
            login_succeeded(username=username, address=address)
        return user


class LockoutMessageMixin:
    """An authentication form that says the account is locked, and for how long."""

    request: HttpRequest | None

    def get_invalid_login_error(self) -> ValidationError:
        until = locked_until(self.request) if self.request is not None else None
        if until:
            return ValidationError(lockout_message(until), code="locked")
        return super().get_invalid_login_error()  # type: ignore[misc]


class LoginForm(LockoutMessageMixin, AuthenticationForm):
    pass


class LockedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked through authenticate():
    a guess there counts, and is refused while the lock holds."""

    def clean_old_password(self) -> str:
        old = self.cleaned_data["old_password"]
        request = current_request.get()
        user = authenticate(request, username=self.user.get_username(), password=old)
        if user is None or user.pk != self.user.pk:
            until = locked_until(request) if request is not None else None
            if until:
                raise ValidationError(lockout_message(until), code="locked")
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old


class LoginLockoutMiddleware:
    """Whatever way in met the lock answers 429 with Retry-After."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        until = locked_until(request)
        if until:
            response.status_code = 429
            response.reason_phrase = "Too Many Requests"
            response["Retry-After"] = str(retry_after(until))
        return response
