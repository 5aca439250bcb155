"""The internal audit report as PDF, Word or Excel, in English or Chinese, drawn by
core's block renderer (docs/howto/generated-files.md)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from fuwu.core.downloads import BuiltFile
from fuwu.core.render import render_file

from ..models import Audit
from . import data
from .layout import layout

FORMATS = ("pdf", "docx", "xlsx")
LANGUAGES = ("en", "zh-hans")


def audit_report_file(
    audit: Audit, *, fmt: str, language: str, numbers: dict[int, Any] | None = None
) -> BuiltFile:
    if fmt not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"unknown format {fmt!r} or language {language!r}")
    with translation.override(language):
        document = layout(data.collect(audit, numbers))
    suffix = "zh" if language.startswith("zh") else "en"
    return render_file(document, fmt, f"{audit.organization.slug}-audit-{audit.number}-{suffix}")
