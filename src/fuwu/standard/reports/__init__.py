"""The conformity report of an organization, as PDF (typst), Word or Excel.

Shared by the dashboard's download buttons and `GET /api/v1/conformity/report/`::

    built = conformity_report(organization=org, fmt="pdf", language="zh-hans")
    built.content, built.content_type, built.filename, built.response()
"""

from __future__ import annotations

import logging
import time

from django.utils import timezone, translation

from fuwu.core import render
from fuwu.core.downloads import BuiltFile
from fuwu.core.models import Organization

from . import data
from .layout import layout

log = logging.getLogger(__name__)

# format → (content type,): the formats the report comes in.
FORMATS: dict[str, tuple[str]] = {
    fmt: (render.CONTENT_TYPES[fmt],) for fmt in ("pdf", "docx", "xlsx")
}
LANGUAGES = ("en", "zh-hans")


def conformity_report(*, organization: Organization, fmt: str, language: str) -> BuiltFile:
    """Build the report now, from live data, in `language` ("en" or "zh-hans")."""
    if fmt not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"unknown report format {fmt!r} or language {language!r}")
    content_type = FORMATS[fmt][0]
    started = time.perf_counter()
    with translation.override(language):
        content = render.render(layout(data.collect(organization)), fmt)
    log.info(
        "conformity report %s/%s for organization %s built in %.0f ms (%d bytes)",
        fmt,
        language,
        organization.pk,
        1000 * (time.perf_counter() - started),
        len(content),
    )
    day = timezone.localdate().isoformat()
    suffix = "zh" if language.startswith("zh") else "en"
    filename = f"{organization.slug}-conformity-{day}-{suffix}.{fmt}"
    return BuiltFile(content, content_type, filename)
