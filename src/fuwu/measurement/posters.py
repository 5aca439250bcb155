"""Printable posters and table tents of a site's collection points: a page per
contact point with its QR code and its name in both languages, drawn by core's
block renderer (docs/howto/generated-files.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fuwu.core.downloads import BuiltFile
from fuwu.core.models import Site
from fuwu.core.render import Document, Figure, Heading, PageBreak, Paragraph, Span, render_file

from .models import CollectionPoint
from .qr import qr_svg

LANGUAGES = ("en", "zh-hans")
INVITATION = gettext_noop("Rate our %(point)s")
HOW = gettext_noop("Scan with your phone's camera or WeChat: about 30 seconds, no sign-up.")


def _in(language: str, message: str, **values: str) -> str:
    with translation.override(language):
        text = _(message)
        if values:
            text = text % {k: str(v) for k, v in values.items()}
        return text


def _name(point: CollectionPoint, language: str) -> str:
    with translation.override(language):
        return str(point.contact_point.name)


def poster_document(
    site: Site, points: Sequence[CollectionPoint], page_url: Callable[[CollectionPoint], str]
) -> Document:
    """In the active language (its title and footer); every poster speaks both,
    the active language first."""
    language = translation.get_language() or "en"
    languages = ("zh-hans", "en") if language.startswith("zh") else ("en", "zh-hans")
    blocks: list = []
    for n, point in enumerate(points):
        url = page_url(point)
        first, second = (_in(lang, INVITATION, point=_name(point, lang)) for lang in languages)
        if n:
            blocks.append(PageBreak())
        blocks += [
            Heading(first, level=1),
            Paragraph.of([Span(second, size="large")]),
            Figure(qr_svg(url), width=10),
            Paragraph.of([Span(url, grey=True, size="small")]),
            Paragraph.of([Span(_in(languages[0], HOW), bold=True)]),
            Paragraph.of([Span(_in(languages[1], HOW))]),
            Paragraph.of([Span(site.name, grey=True)]),
        ]
    if not blocks:
        blocks.append(Paragraph.of(_("This site has no collection point yet.")))
    return Document(
        title=_("Evaluation posters"),
        language=language,
        author=site.organization.name,
        name=site.name,
        title_page=False,
        header=(f"{site.organization.name} · {site.name}", ""),
        footer=("", _("Page %(page)s of %(total)s")),
        blocks=tuple(blocks),
    )


def poster_file(
    site: Site,
    points: Sequence[CollectionPoint],
    page_url: Callable[[CollectionPoint], str],
    *,
    language: str,
) -> BuiltFile:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    with translation.override(language):
        document = poster_document(site, points, page_url)
    suffix = "zh" if language.startswith("zh") else "en"
    return render_file(document, "pdf", f"{site.organization.slug}-{site.code}-posters-{suffix}")


def points_of(site: Site, points_in_scope) -> list[CollectionPoint]:
    """The active collection points of a site, in the order of its contact points."""
    return list(
        points_in_scope.filter(site=site, is_active=True)
        .select_related("contact_point", "site__organization")
        .order_by("contact_point__order", "contact_point__code", "pk")
    )
