"""The conformity report of an organization, as PDF (typst), Word or Excel.

Shared by the dashboard's download buttons and `GET /api/v1/conformity/report/`::

    built = conformity_report(organization=org, fmt="pdf", language="zh-hans")
    built.content, built.content_type, built.filename, built.response()
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.utils import timezone, translation

from fuwu.core.downloads import BuiltFile
from fuwu.core.models import Organization
from fuwu.core.text import printable_data

from . import data, excel, pdf, word

log = logging.getLogger(__name__)

FORMATS: dict[str, tuple[str, Callable[[data.ReportData], bytes]]] = {
    "pdf": ("application/pdf", pdf.render),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        word.render,
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.render),
}
LANGUAGES = ("en", "zh-hans")


def conformity_report(*, organization: Organization, fmt: str, language: str) -> BuiltFile:
    """Build the report now, from live data, in `language` ("en" or "zh-hans")."""
    if fmt not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"unknown report format {fmt!r} or language {language!r}")
    content_type, render = FORMATS[fmt]
    started = time.perf_counter()
    with translation.override(language):
        # Old rows may hold characters Word/Excel cannot take: print what can be printed.
        content = render(printable_data(data.collect(organization)))
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
