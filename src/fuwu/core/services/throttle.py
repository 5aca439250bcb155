"""Login throttling: after N failures for a username from one address, lock it briefly."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import LoginThrottle


def _key(username: str, address: str) -> str:
    return f"{username.strip().lower()[:150]}|{address}"


def login_locked_until(*, username: str, address: str) -> datetime | None:
    row = LoginThrottle.objects.filter(key=_key(username, address)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


def login_failed(*, username: str, address: str) -> None:
    with transaction.atomic():
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(
            key=_key(username, address)
        )
        if row.locked_until and row.locked_until <= timezone.now():
            row.failures, row.locked_until = 0, None
        row.failures += 1
        if row.failures >= settings.FUWU_LOGIN_MAX_FAILURES:
            row.locked_until = timezone.now() + timedelta(
                seconds=settings.FUWU_LOGIN_LOCKOUT_SECONDS
            )
        row.save()


def login_succeeded(*, username: str, address: str) -> None:
    LoginThrottle.objects.filter(key=_key(username, address)).delete()
