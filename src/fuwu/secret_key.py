"""What counts as a real secret key. Pure Python: the `fuwu` command reads it before
Django starts, and the settings and the deploy check read it after."""

from __future__ import annotations

# Used when no key is set, so that tests and management commands run; never served.
DEVELOPMENT_KEY = "fuwu-insecure-development-key-do-not-use-in-production"
MIN_LENGTH = 50  # Django's own bar (security.W009)
MIN_UNIQUE_CHARACTERS = 5


def key_problem(key: str) -> str | None:
    """Why `key` is not fit to serve Fuwu with, or None when it is."""
    key = key.strip()
    if not key:
        return "no secret key is set"
    if key == DEVELOPMENT_KEY or key.startswith("django-insecure-"):
        return "the secret key is the built-in development key"
    if len(key) < MIN_LENGTH or len(set(key)) < MIN_UNIQUE_CHARACTERS:
        return (
            f"the secret key is too weak (use at least {MIN_LENGTH} random characters, "
            f"{MIN_UNIQUE_CHARACTERS} or more of them different)"
        )
    return None
