"""The service manual as a file: PDF or Word, in English or Chinese.

Shared by the manual page's downloads, `GET /api/v1/service-manual/` and the service
that freezes a version for approval::

    built = manual_file(organization, fmt="pdf", language="zh-hans", prepared_by=user)
    built.content, built.content_type, built.filename, built.response()
"""

from __future__ import annotations

from django.utils import timezone

from fuwu.core import render as renderer
from fuwu.core.downloads import BuiltFile
from fuwu.core.models import Organization, User

from ..models import DocumentVersion
from .build import LANGUAGES, ManualData, build_manual
from .layout import layout

# format → (content type,): the formats the manual comes in.
FORMATS: dict[str, tuple[str]] = {fmt: (renderer.CONTENT_TYPES[fmt],) for fmt in ("pdf", "docx")}
__all__ = ["FORMATS", "LANGUAGES", "filename", "manual_file", "render"]


def filename(organization: Organization, fmt: str, language: str, number: int | None = None) -> str:
    suffix = "zh" if language.startswith("zh") else "en"
    when = f"v{number}" if number is not None else timezone.localdate().isoformat()
    return f"{organization.slug}-service-manual-{when}-{suffix}.{fmt}"


def render(data: ManualData, fmt: str) -> bytes:
    """Draw assembled manual `data` as `fmt` (printable text only: see core.render)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown manual format {fmt!r}")
    return renderer.render(layout(data), fmt)


def manual_file(
    organization: Organization,
    *,
    fmt: str,
    language: str,
    prepared_by: User | None = None,
    version: DocumentVersion | None = None,
    reader: User | None = None,
) -> BuiltFile:
    """The manual of `organization` built now from live data (ValueError for an
    unknown format or language); `reader` as for `build_manual`."""
    if fmt not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"unknown manual format {fmt!r} or language {language!r}")
    data = build_manual(
        organization, language=language, prepared_by=prepared_by, version=version, reader=reader
    )
    content = render(data, fmt)
    number = version.number if version is not None else None
    return BuiltFile(content, FORMATS[fmt][0], filename(organization, fmt, language, number))
