"""Typst for every generated PDF (conformity report, service manual): fonts and compiling.

Templates are fixed typst sources; their data reaches them as JSON through
`sys.inputs`, so text from users (names, justifications, document text) is always set
as plain text and can never be read as typst markup::

    from fuwu.core import typst as typesetting

    pdf = typesetting.compile_typst(TEMPLATE, {"title": "..."})
    png = typesetting.compile_typst(DIAGRAM, data, fmt="png", ppi=200)

The template reads its data with ``#let d = json(bytes(sys.inputs.data))``.

Chinese needs a CJK font: typst embeds the subset it uses. Fonts are searched in
`settings.FUWU_FONT_DIRS` (if a deployment sets it) and in FONT_DIRS (Debian's
fonts-noto-cjk installs Noto Sans/Serif CJK SC in the first). Without a CJK font the
PDF still builds, and a warning is logged: Chinese characters then show as empty boxes.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings

from .text import printable_data

log = logging.getLogger(__name__)

FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
)
CJK_SERIF = "Noto Serif CJK SC"
CJK_SANS = "Noto Sans CJK SC"
# One CJK family for everything (its Latin letters are good): on a cold start typst
# reads two font files (regular, bold) instead of four.
FONT_STACKS = {
    "serif": [CJK_SANS, CJK_SERIF, "Libertinus Serif"],
    "sans": [CJK_SANS, CJK_SERIF],
}

_fonts: Any = None
_cjk = False
_lock = threading.Lock()


def font_dirs() -> list[str]:
    extra = list(getattr(settings, "FUWU_FONT_DIRS", []) or [])
    return [d for d in (*extra, *FONT_DIRS) if Path(d).is_dir()]


def fonts() -> tuple[Any, bool]:
    """The typst font book (loaded once per process) and whether it has a CJK font."""
    global _fonts, _cjk
    with _lock:
        if _fonts is None:
            import typst

            book = typst.Fonts(
                include_system_fonts=False, include_embedded_fonts=True, font_paths=font_dirs()
            )
            families = set(book.families())
            if CJK_SANS not in families and CJK_SERIF not in families:
                # A last try: whatever the system has (slower to scan, so only then).
                book = typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)
                families = set(book.families())
            _cjk = CJK_SANS in families or CJK_SERIF in families
            if not _cjk:
                log.warning(
                    "No CJK font found (looked for %s in %s and the system fonts): Chinese "
                    "text in PDF documents will not render. Install fonts-noto-cjk or set "
                    "FUWU_FONT_DIRS.",
                    CJK_SANS,
                    ", ".join(FONT_DIRS),
                )
            _fonts = book
        return _fonts, _cjk


def forget_fonts() -> None:
    """Load the fonts again on the next compile (tests; a changed FUWU_FONT_DIRS)."""
    global _fonts, _cjk
    with _lock:
        _fonts, _cjk = None, False


def language_inputs(language: str) -> dict[str, Any]:
    """What every template needs to set its text: typst's lang and region, and fonts."""
    chinese = language.lower().startswith("zh")
    return {
        "lang": "zh" if chinese else "en",
        "region": "cn" if chinese else "gb",
        "fonts": FONT_STACKS,
    }


def compile_typst(
    source: str, data: dict[str, Any], *, fmt: str = "pdf", ppi: float | None = None
) -> bytes:
    """Compile the typst `source` with `data` as JSON in `sys.inputs.data`.

    `fmt`: "pdf", "png" or "svg" (an image format gives the first page only, so give
    such sources `#set page(width: auto, height: auto)`)."""
    import typst

    book, cjk = fonts()
    output, warnings = typst.compile_with_warnings(
        source.encode(),
        font_paths=book,
        format=fmt,
        ppi=ppi,
        sys_inputs={"data": json.dumps(printable_data(data), ensure_ascii=False)},
    )
    for warning in warnings:
        if cjk or "font" not in str(warning.message):
            log.debug("typst: %s", warning.message)
    if isinstance(output, list):  # an image format of a source with several pages
        output = output[0]
    return output
