"""QR codes of collection points (segno: pure Python, no image library)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """The QR code of a URL as an SVG document (black on white, scalable)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def qr_png(url: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale)
    return out.getvalue()
