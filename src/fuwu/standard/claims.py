"""What Fuwu does for a clause, as far as it is true in this installation.

The clause library says, per clause, what Fuwu does and which app does it (`fuwu`, see
library.py). A claim counts only while all its apps are installed, so the claims of an app still
to come stay silent until it lands, and nobody edits the library on the day it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import translation
from django.utils.translation import gettext as _


def installed_apps() -> frozenset[str]:
    """The labels of the installed apps: what decides whether a claim is true here."""
    return frozenset(config.label for config in apps.get_app_configs())


def not_yet() -> str:
    """The line shown where the library's claims are all about apps not installed."""
    return _(
        "Fuwu does not support this yet: keep the evidence as attachments to a controlled "
        "document and record a manual assessment of the clause that says where it is."
    )


@dataclass(frozen=True)
class Claim:
    apps: tuple[str, ...]
    claim_en: str
    claim_zh: str


@dataclass(frozen=True)
class InFuwu:
    """The live claims of a clause; none live means "not yet"."""

    claims: tuple[Claim, ...]

    @property
    def supported(self) -> bool:
        return bool(self.claims)

    @property
    def apps(self) -> list[str]:
        return list(dict.fromkeys(app for claim in self.claims for app in claim.apps))

    def text(self, language: str) -> str:
        """The claims as paragraphs in `language` ("en" or "zh"), or the "not yet" line."""
        if self.claims:
            return "\n\n".join(getattr(c, f"claim_{language}") for c in self.claims)
        with translation.override("zh-hans" if language == "zh" else "en"):
            return not_yet()


def in_fuwu(clause: Any, installed: frozenset[str] | None = None) -> InFuwu | None:
    """The clause's claims that are true here; None when the library makes none for it."""
    stored = clause.fuwu or []
    if not stored:
        return None
    present = installed_apps() if installed is None else installed
    return InFuwu(
        tuple(
            Claim(tuple(item["apps"]), item["en"], item["zh"])
            for item in stored
            if set(item["apps"]) <= present
        )
    )
