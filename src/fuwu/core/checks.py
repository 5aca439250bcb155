"""System checks of core. `check --deploy` refuses what must never reach production."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

from fuwu.secret_key import DEVELOPMENT_KEY, key_problem


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    key = str(settings.SECRET_KEY)
    if key == DEVELOPMENT_KEY and getattr(settings, "SECRET_KEY_MISSING", False):
        key = ""  # none was set: say so rather than name the stand-in
    problem = key_problem(key)
    if problem is None:
        return []
    return [
        Error(
            f"Fuwu cannot be deployed: {problem}.",
            hint="Set FUWU_SECRET_KEY to a long random string, for example the output of "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'.",
            id="fuwu.E001",
        )
    ]
