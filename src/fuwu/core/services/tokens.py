"""API tokens: a random key shown once, stored as its sha256."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from ..models import ApiToken, User


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User) -> tuple[ApiToken, str]:
    key = secrets.token_hex(20)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, prefix=key[:8], digest=token_digest(key))
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    with transaction.atomic():
        token.delete()
