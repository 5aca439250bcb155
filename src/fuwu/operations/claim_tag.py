"""The printable claim tag of an item in custody: its claim number, what it is, where
and when it was received, and a QR code that opens its record (for the staff who
hand it back; the owner's identity is never printed). Both languages on one tag,
drawn by core's block renderer (docs/howto/generated-files.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fuwu.core.downloads import BuiltFile
from fuwu.core.render import Document, Figure, Heading, Paragraph, Span, render_file
from fuwu.measurement.qr import qr_svg

from .models import PropertyItem

LANGUAGES = ("en", "zh-hans")
TAG = gettext_noop("Claim tag")
KEEP = gettext_noop("Keep this tag: show it to collect your item.")


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return _(message)


def tag_document(item: PropertyItem, record_url: Callable[[PropertyItem], str]) -> Document:
    language = translation.get_language() or "en"
    languages = ("zh-hans", "en") if language.startswith("zh") else ("en", "zh-hans")
    received = formats.date_format(timezone.localtime(item.received_at), "SHORT_DATETIME_FORMAT")
    descriptions = {"en": item.description_en, "zh-hans": item.description_zh}
    blocks = [
        Heading(item.number, level=1),
        Paragraph.of([Span(" · ".join(_in(lang, TAG) for lang in languages), size="large")]),
        Figure(qr_svg(record_url(item)), width=6),
    ]
    for lang in languages:
        if descriptions[lang]:
            blocks.append(Paragraph.of([Span(descriptions[lang], bold=True)]))
    blocks += [
        Paragraph.of([Span(f"{item.site.name} · {received} · {item.storage_location}", grey=True)]),
        Paragraph.of([Span(_in(languages[0], KEEP), bold=True)]),
        Paragraph.of([Span(_in(languages[1], KEEP))]),
    ]
    return Document(
        title=_("Claim tag"),
        language=language,
        author=item.organization.name,
        name=item.number,
        title_page=False,
        header=(f"{item.organization.name} · {item.site.name}", item.number),
        blocks=tuple(blocks),
    )


def tag_file(
    item: PropertyItem, record_url: Callable[[PropertyItem], str], *, language: str
) -> BuiltFile:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    with translation.override(language):
        document = tag_document(item, record_url)
    return render_file(document, "pdf", f"{item.organization.slug}-{item.number}-tag")
