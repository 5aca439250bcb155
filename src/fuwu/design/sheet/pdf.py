"""The specification sheet as PDF, typeset by typst.

The typst source is fixed; the sheet reaches it as JSON through `sys.inputs` (see
`fuwu.core.typst`, which also finds the CJK font), so what users wrote (requirements,
reasons, names) is always set as text and never read as typst markup.
"""

from __future__ import annotations

from typing import Any

from fuwu.core.typst import compile_typst, language_inputs

from .data import SheetData

TEMPLATE = r"""
#let d = json(bytes(sys.inputs.data))
#let L = d.labels
#let grey = luma(95)
#let accent = rgb("#206bc4")

// User text: every line break kept, nothing read as markup.
#let txt(s) = s.split("\n").map(p => [#p]).join(linebreak())

#let facts(rows, columns: 2) = grid(
  columns: range(columns).map(_ => (auto, 1fr)).flatten(),
  column-gutter: 0.8em,
  row-gutter: 0.55em,
  ..rows.map(r => (text(fill: grey, r.at(0)), txt(r.at(1)))).flatten(),
)

#let notice(body) = block(width: 100%, fill: rgb("#fff8e6"),
  stroke: (left: 2.5pt + rgb("#f59f00")), inset: (x: 9pt, y: 7pt), body)

#let items-table(columns, widths, items) = {
  table(
    columns: widths.map(w => w * 1fr),
    table.header(..columns.map(c => text(font: d.fonts.sans, weight: "bold", c))),
    ..items.map(it => (
      it.number,
      if it.detail == "" { txt(it.text) } else {
        [#txt(it.text) \ #text(size: 7.5pt, fill: grey, it.detail)]
      },
      ..it.cells.map(c => txt(c)),
    )).flatten(),
  )
}

#let category(c, columns, widths, level) = {
  heading(level: level, [#c.label #text(weight: "regular", fill: grey, size: 8.5pt)[(#c.clause)]])
  if c.not_applicable != "" {
    par(text(fill: grey)[#emph(L.not_applicable + L.colon)#txt(c.not_applicable)])
  } else if c.items.len() == 0 {
    par(text(fill: grey)[—])
  } else {
    items-table(columns, widths, c.items)
  }
}

#let part(p, columns, widths, level) = {
  if p.facts.len() > 0 {
    block(width: 100%, fill: luma(247), inset: (x: 8pt, y: 6pt),
      facts(p.facts, columns: calc.min(p.facts.len(), 2)))
  }
  if p.note != "" {
    if p.warning { notice(p.note) } else { par(text(fill: grey, p.note)) }
  }
  for c in p.categories { category(c, columns, widths, level) }
}

#set document(title: d.title + " · " + d.subtitle, author: d.organization)
#set text(font: d.fonts.serif, size: 9.5pt, lang: d.lang, region: d.region)
#set par(leading: 0.65em, spacing: 0.9em, justify: false)
#show heading: set text(font: d.fonts.sans, weight: "bold")
#show heading.where(level: 1): it => block(above: 1.8em, below: 0.8em,
  text(size: 13pt, fill: accent, it.body))
#show heading.where(level: 2): it => block(above: 1.2em, below: 0.6em, text(size: 10.5pt, it.body))
#show heading.where(level: 3): it => block(above: 1em, below: 0.5em, text(size: 9.5pt, it.body))
#set table(stroke: 0.4pt + luma(200), inset: 4pt)
#show table: set text(size: 8.5pt)

#set page(
  paper: "a4",
  margin: (x: 1.8cm, top: 2.2cm, bottom: 2cm),
  header: context {
    set text(size: 8pt, fill: grey)
    grid(columns: (1fr, auto), column-gutter: 1em,
      [#d.organization · #d.title · #d.subtitle], [#d.generated])
    v(-0.45em)
    line(length: 100%, stroke: 0.4pt + luma(200))
  },
  footer: context {
    set text(size: 7.5pt, fill: grey)
    let here = str(counter(page).get().first())
    let total = str(counter(page).final().first())
    grid(columns: (1fr, auto), column-gutter: 1em, [#L.uncontrolled],
      [#L.page_of.replace("%(page)s", here).replace("%(total)s", total)])
  },
)

#text(font: d.fonts.sans, size: 9pt, fill: grey)[SB/T 10382-2004 · 4.4.3]
#v(0.2em)
#text(font: d.fonts.sans, size: 20pt, weight: "bold", fill: accent)[#d.title]
#v(0.1em)
#text(font: d.fonts.sans, size: 14pt, weight: "bold")[#d.subtitle]
#v(0.6em)
#facts(d.facts)

#for s in d.specifications {
  heading(level: 1, [#s.label #text(weight: "regular", fill: grey, size: 9pt)[(#s.clause)]])
  part(s.standard, s.columns, s.widths, 2)
  if s.addendum != none {
    heading(level: 2, s.addendum.title)
    part(s.addendum, s.columns, s.widths, 3)
  }
}
"""


def payload(sheet: SheetData) -> dict[str, Any]:
    out = sheet.as_dict()
    out.update(language_inputs(sheet.language))
    return out


def render(sheet: SheetData) -> bytes:
    return compile_typst(TEMPLATE, payload(sheet))
