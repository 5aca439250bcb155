"""Figures drawn in typst from labels (a `Diagram` block): one source for the PDF
(inline), the Word document (a PNG) and a web page (an SVG image); and any SVG (a
`Figure` block) as a PNG for Word.

A kind is a typst function of the labels, registered in KINDS; its source is in TYPST,
which the PDF template includes.

`sms_processes` is Figure 1 of SB/T 10382-2004: the four processes of 4.1.2 in a loop
(service management responsibility → service resource management → service
realization → service measurement, analysis and improvement → back), the contact
process at the centre, customer requirements coming in and customer satisfaction going
out. Each label is given in the manual's language with the other language beneath.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

from ..typst import compile_typst, language_inputs

# Coordinates in cm on a canvas 17 cm wide and 9.2 cm high. `labels.<key>` is {main, other}.
TYPST = r"""
#let fuwu-label(l, size: 8.5pt) = {
  set par(leading: 0.35em, justify: false)
  align(center + horizon)[
    #text(size: size, weight: "bold", l.main)
    #if l.other != "" { linebreak(); text(size: size - 2pt, fill: luma(95), l.other) }
  ]
}
#let fuwu-box(cx, cy, w, h, l, fill: white, stroke: 0.9pt + rgb("#206bc4")) = place(
  top + left, dx: (cx - w / 2) * 1cm, dy: (cy - h / 2) * 1cm,
  box(width: w * 1cm, height: h * 1cm, fill: fill, stroke: stroke, radius: 3pt, inset: 3pt,
    fuwu-label(l)),
)
#let fuwu-arrow(x1, y1, x2, y2, dashed: false, paint: luma(55)) = {
  let dx = x2 - x1
  let dy = y2 - y1
  let len = calc.sqrt(dx * dx + dy * dy)
  let (ux, uy) = (dx / len, dy / len)
  let (head, wing) = (0.3, 0.13)
  let (bx, by) = (x2 - ux * head, y2 - uy * head)
  place(top + left, line(
    start: (x1 * 1cm, y1 * 1cm), end: (bx * 1cm, by * 1cm),
    stroke: (paint: paint, thickness: 1.1pt, dash: if dashed { "dashed" } else { none }),
  ))
  place(top + left, polygon(
    fill: paint, stroke: none,
    (x2 * 1cm, y2 * 1cm),
    ((bx - uy * wing) * 1cm, (by + ux * wing) * 1cm),
    ((bx + uy * wing) * 1cm, (by - ux * wing) * 1cm),
  ))
}
#let sms-diagram(L) = box(width: 17cm, height: 9.2cm, {
  let blue = rgb("#206bc4")
  let pale = rgb("#e8f1fb")
  // the customer, on both sides
  let customer = if L.customer.other != "" { L.customer.main + " / " + L.customer.other } else {
    L.customer.main
  }
  for x in (0, 14.2) {
    place(top + left, dx: x * 1cm, dy: 8.3cm, box(width: 2.8cm, align(center,
      text(size: 8pt, fill: luma(80), customer))))
  }
  fuwu-box(1.4, 7.3, 2.8, 1.6, L.requirements, fill: luma(245), stroke: 0.7pt + luma(120))
  fuwu-box(15.6, 7.3, 2.8, 1.6, L.satisfaction, fill: luma(245), stroke: 0.7pt + luma(120))
  // the four processes in a loop
  fuwu-box(8.5, 1.0, 4.6, 1.6, L.responsibility, fill: pale)
  fuwu-box(4.5, 4.3, 4.0, 1.6, L.resources, fill: pale)
  fuwu-box(12.5, 4.3, 4.0, 1.6, L.measurement, fill: pale)
  fuwu-box(8.5, 7.3, 4.6, 1.6, L.realization, fill: pale)
  fuwu-arrow(6.4, 1.85, 5.0, 3.45)
  fuwu-arrow(5.0, 5.15, 6.4, 6.45)
  fuwu-arrow(10.6, 6.45, 12.0, 5.15)
  fuwu-arrow(12.0, 3.45, 10.6, 1.85)
  // the contact process at the centre
  place(top + left, dx: 6.85cm, dy: 3.5cm, ellipse(width: 3.3cm, height: 1.6cm,
    fill: blue, stroke: none, inset: 2pt,
    align(center + horizon, {
      text(fill: white, size: 8.5pt, weight: "bold", L.contact.main)
      if L.contact.other != "" { linebreak(); text(fill: white, size: 6.5pt, L.contact.other) }
    })))
  for (x1, y1, x2, y2) in ((8.5, 1.85, 8.5, 3.45), (8.5, 5.15, 8.5, 6.45),
                           (6.55, 4.3, 6.85, 4.3), (10.15, 4.3, 10.45, 4.3)) {
    place(top + left, line(start: (x1 * 1cm, y1 * 1cm), end: (x2 * 1cm, y2 * 1cm),
      stroke: (paint: blue, thickness: 0.7pt, dash: "dotted")))
  }
  // customer requirements in, customer satisfaction out
  fuwu-arrow(2.8, 7.3, 6.15, 7.3, paint: luma(40))
  fuwu-arrow(10.85, 7.3, 14.2, 7.3, paint: luma(40))
  fuwu-arrow(15.6, 6.45, 14.55, 4.75, dashed: true, paint: luma(110))
  // continual improvement, where measurement feeds back to management
  place(top + left, dx: 12.4cm, dy: 0.55cm, box(width: 4.6cm, align(center, {
    set text(size: 7.5pt, style: "italic", fill: blue)
    L.improvement.main
    if L.improvement.other != "" { linebreak(); text(size: 6.5pt, L.improvement.other) }
  })))
})
"""

# kind (the Diagram block's) → the typst function in TYPST that draws it.
KINDS = {"sms_processes": "sms-diagram"}


def typst_dispatch() -> str:
    """The typst dictionary from a kind to its drawing function (the PDF template)."""
    pairs = ", ".join(f"{kind}: {function}" for kind, function in KINDS.items())
    return f"#let fuwu-figures = ({pairs},)\n"


STANDALONE = (
    TYPST
    + typst_dispatch()
    + r"""
#let d = json(bytes(sys.inputs.data))
#set page(width: auto, height: auto, margin: 6pt, fill: white)
#set text(font: d.fonts.sans, lang: d.lang, region: d.region)
#(fuwu-figures.at(d.kind))(d.labels)
"""
)


@lru_cache(maxsize=16)
def _image(kind: str, labels_json: str, language: str, fmt: str, ppi: float | None) -> bytes:
    data = {"kind": kind, "labels": json.loads(labels_json), **language_inputs(language)}
    return compile_typst(STANDALONE, data, fmt=fmt, ppi=ppi)


def image(kind: str, labels: dict[str, Any], language: str, fmt: str = "png") -> bytes:
    """The figure alone: a PNG (Word) or an SVG (the preview page). The same labels
    give the same image, so it is made once per process."""
    if kind not in KINDS:
        raise ValueError(f"unknown figure {kind!r}")
    key = json.dumps(labels, ensure_ascii=False, sort_keys=True)
    return _image(kind, key, language, fmt, 220.0 if fmt == "png" else None)


def svg_uri(svg: str) -> str:
    """An SVG as a data URI for an <img> (the CSP allows data: images)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def data_uri(kind: str, labels: dict[str, Any], language: str) -> str:
    """The figure as an SVG data URI for an <img> (the CSP allows data: images)."""
    return svg_uri(image(kind, labels, language, fmt="svg").decode())


SVG_TO_PNG = r"""
#let d = json(bytes(sys.inputs.data))
#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(d.svg), format: "svg", width: d.width * 1cm)
"""


@lru_cache(maxsize=16)
def svg_png(svg: str, width: float = 16.0) -> bytes:
    """An SVG drawing as a PNG (Word cannot show SVG everywhere), `width` cm wide."""
    return compile_typst(SVG_TO_PNG, {"svg": svg, "width": width}, fmt="png", ppi=200.0)
