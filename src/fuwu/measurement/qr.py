"""QR codes of collection points (segno: pure Python, no image library)."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


# A code is a pure function of its URL and costs ~10 ms of Python to encode; a list
# of collection points or a poster asks for the same codes again and again.
@lru_cache(maxsize=2048)
def qr_svg(url: str) -> str:
    """The QR code of a URL as an SVG document (black on white, scalable)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


@lru_cache(maxsize=512)
def qr_png(url: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale)
    return out.getvalue()
