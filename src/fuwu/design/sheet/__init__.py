"""A contact point's specification sheet: the approved service, provision and control
specifications on one printable document, as PDF (typst) or Word (python-docx), in
English or Chinese. Shared by the contact point page and the API::

    content = sheet_bytes(point, "pdf", "zh-hans", site=site, user=request.user)
    built = sheet_file(point, "docx", "en")  # content, content_type, filename, response()

`site_for(point, raw, user)` checks a `?site=` value (ValidationError when it is not a
site the point is deployed at and the user may see).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fuwu.core import render
from fuwu.core.downloads import BuiltFile
from fuwu.core.ids import parse_id
from fuwu.core.models import Site
from fuwu.core.text import printable_data

from ..models import ContactPoint
from . import data
from .layout import layout

log = logging.getLogger(__name__)

# format → (content type,): the formats the sheet comes in.
FORMATS: dict[str, tuple[str]] = {fmt: (render.CONTENT_TYPES[fmt],) for fmt in ("pdf", "docx")}
LANGUAGES = ("en", "zh-hans")

__all__ = ["FORMATS", "LANGUAGES", "sheet_bytes", "sheet_file", "site_for"]


def site_for(point: ContactPoint, raw: Any, user: Any = None) -> Site | None:
    """The site whose local addenda the sheet adds, from a request's `site` value:
    None when absent; ValidationError when it is not a site the point is deployed at
    (and, with `user`, one they may see)."""
    if raw in (None, ""):
        return None
    refused = ValidationError(
        _("Choose a site where this contact point is deployed."), code="invalid_site"
    )
    wanted = parse_id(raw)
    if wanted is None:
        raise refused
    sites = point.sites.all()
    if user is not None:
        sites = sites.filter(pk__in=Site.objects.for_user(user, organization=point.organization))
    site = sites.filter(pk=wanted).first()
    if site is None:
        raise refused
    return site


def filename(sheet: data.SheetData, fmt: str) -> str:
    # ASCII only (a code may be Chinese): Content-Disposition stays simple.
    code = slugify(sheet.code) or "contact-point"
    site = f"-{slugify(sheet.site_code)}" if sheet.site_code and slugify(sheet.site_code) else ""
    suffix = "zh" if sheet.language.startswith("zh") else "en"
    return f"{sheet.organization_slug}-{code}-specifications{site}-{suffix}.{fmt}"


def sheet_file(
    point: ContactPoint, fmt: str, language: str, site: Site | None = None, user: Any = None
) -> BuiltFile:
    """Build the sheet now, from the approved versions, in `language` ("en" or
    "zh-hans"). `site`: add its approved local addenda (check it with `site_for`).
    `user`: only the specifications they may see."""
    if fmt not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"unknown sheet format {fmt!r} or language {language!r}")
    if site is not None and not point.sites.filter(pk=site.pk).exists():
        raise ValueError(f"contact point {point.pk} is not deployed at site {site.pk}")
    content_type = FORMATS[fmt][0]
    started = time.perf_counter()
    with translation.override(language):
        sheet = printable_data(data.collect(point, site=site, user=user))
        content = render.render(layout(sheet), fmt)
    log.info(
        "specification sheet %s/%s of contact point %s built in %.0f ms (%d bytes)",
        fmt,
        language,
        point.pk,
        1000 * (time.perf_counter() - started),
        len(content),
    )
    return BuiltFile(content, content_type, filename(sheet, fmt))


def sheet_bytes(
    point: ContactPoint, fmt: str, language: str, site: Site | None = None, user: Any = None
) -> bytes:
    """The sheet's file content (see `sheet_file`)."""
    return sheet_file(point, fmt, language, site=site, user=user).content
