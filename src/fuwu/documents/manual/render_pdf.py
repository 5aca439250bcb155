"""The service manual as PDF, typeset by typst.

The typst source is fixed; the manual reaches it as JSON through `sys.inputs` (see
`fuwu.core.typst`), so what users wrote (the policy, scope, justifications, titles) is
always set as text and never read as typst markup. The figure is drawn by typst itself
(diagram.py).
"""

from __future__ import annotations

from typing import Any

from fuwu.core.typst import compile_typst, language_inputs

from . import diagram
from .build import ManualData

TEMPLATE = (
    diagram.TYPST
    + r"""
#let d = json(bytes(sys.inputs.data))
#let L = d.labels
#let grey = luma(95)
#let accent = rgb("#206bc4")

#let span(s) = {
  let body = if s.c { raw(s.t) } else { s.t.split("\n").map(p => [#p]).join(linebreak()) }
  if s.b { body = strong(body) }
  if s.i { body = emph(body) }
  body
}
#let spans(list) = list.map(span).join()

#let list-item(it, ordered) = {
  spans(it.spans)
  if it.children.len() > 0 {
    let items = it.children.map(c => list-item(c, ordered))
    if ordered { enum(..items) } else { list(..items) }
  }
}

#let fuwu-table(b) = {
  let columns = b.widths.map(w => w * 1fr)
  if b.columns.len() > 0 {
    table(
      columns: columns,
      table.header(..b.columns.map(c => text(font: d.fonts.sans, weight: "bold", c))),
      ..b.rows.flatten().map(c => [#c]),
    )
  } else {
    table(
      columns: columns,
      stroke: none,
      inset: (x: 0pt, y: 3pt),
      ..b.rows.map(r => (text(fill: grey, r.at(0)), ..r.slice(1).map(c => [#c]))).flatten(),
    )
  }
}

#let fuwu-block(b) = {
  if b.type == "heading" {
    if b.level == 2 {
      heading(level: 2, [#b.number#h(0.7em)#b.title])
    } else {
      heading(level: 3, outlined: false, b.title)
    }
  } else if b.type == "paragraph" {
    let body = spans(b.spans)
    if b.style == "note" {
      par(text(size: 8.5pt, fill: grey, body))
    } else if b.style == "quote" {
      pad(left: 1.5em, text(style: "italic", body))
    } else if b.style == "code" {
      block(width: 100%, fill: luma(245), inset: 6pt, radius: 2pt,
        raw(b.spans.map(s => s.t).join(), block: true))
    } else if b.style == "notice" {
      block(width: 100%, fill: rgb("#fff8e6"), stroke: (left: 2.5pt + rgb("#f59f00")),
        inset: (x: 9pt, y: 7pt), body)
    } else {
      par(body)
    }
  } else if b.type == "list" {
    let items = b.items.map(it => list-item(it, b.ordered))
    if b.ordered { enum(..items) } else { list(..items) }
  } else if b.type == "table" {
    if b.caption != "" {
      figure(fuwu-table(b), caption: b.caption, kind: table)
    } else {
      fuwu-table(b)
    }
  } else if b.type == "diagram" {
    figure(sms-diagram(b.data), caption: b.caption)
  }
}

#set document(title: d.title + " · " + d.organization, author: d.organization)
#set text(font: d.fonts.serif, size: 10pt, lang: d.lang, region: d.region)
#set par(leading: 0.7em, spacing: 1.1em)
#set list(indent: 0.4em, spacing: 0.75em)
#set enum(indent: 0.4em, spacing: 0.75em)
#show heading: set text(font: d.fonts.sans, weight: "bold")
#show heading.where(level: 1): it => block(below: 1.1em, text(size: 15pt, fill: accent, it.body))
#show heading.where(level: 2): it => block(above: 1.5em, below: 0.8em, text(size: 11.5pt, it.body))
#show heading.where(level: 3): it => block(above: 1.2em, below: 0.6em, text(size: 10pt, it.body))
#set table(stroke: 0.4pt + luma(200), inset: 4.5pt)
#show table: set text(size: 8.8pt)
#show table: set par(justify: false)
#show figure.caption: set text(size: 8.5pt, fill: grey)
#show outline.entry.where(level: 1): it => { v(0.5em, weak: true); strong(it) }

// -- title page --------------------------------------------------------------------
#page(margin: (x: 2.5cm, y: 2.4cm), header: none, footer: none)[
  #text(font: d.fonts.sans, size: 9.5pt, fill: grey)[#d.standard]
  #v(16%)
  #text(font: d.fonts.sans, size: 30pt, weight: "bold", fill: accent)[#d.title]
  #v(0.1em)
  #text(font: d.fonts.sans, size: 15pt, fill: grey)[#d.title_other]
  #v(1.6em)
  #text(font: d.fonts.sans, size: 18pt, weight: "bold")[#d.organization]
  #v(1em)
  #grid(
    columns: (auto, 1fr), column-gutter: 1.2em, row-gutter: 0.7em,
    text(fill: grey)[#L.version], [#d.version],
    text(fill: grey)[#L.date], [#d.date],
  )
  #v(1fr)
  #text(font: d.fonts.sans, weight: "bold")[#L.approval]
  #v(0.2em)
  #table(
    columns: (auto, 1fr),
    ..d.approval.map(r => (text(fill: grey, r.at(0)), [#r.at(1)])).flatten(),
  )
  #text(size: 8.5pt, fill: grey)[#d.approval_note]
]

// -- the manual --------------------------------------------------------------------
#set page(
  paper: "a4",
  margin: (x: 2.1cm, top: 2.5cm, bottom: 2.3cm),
  header: context {
    set text(size: 8pt, fill: grey)
    grid(columns: (1fr, auto), column-gutter: 1em, [#d.organization · #d.title], [#d.running])
    v(-0.45em)
    line(length: 100%, stroke: 0.4pt + luma(200))
  },
  footer: context {
    set text(size: 8pt, fill: grey)
    let here = str(counter(page).get().first())
    let total = str(counter(page).final().first())
    grid(columns: (1fr, auto), column-gutter: 1em, [#d.footer],
      [#L.page_of.replace("%(page)s", here).replace("%(total)s", total)])
  },
)
#counter(page).update(1)

#outline(title: L.contents, depth: 2, indent: auto)

#for s in d.sections {
  pagebreak(weak: true)
  heading(level: 1, [#s.number#h(0.8em)#s.title])
  for b in s.blocks { fuwu-block(b) }
}
"""
)


def _nest(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat list items with levels → a tree (typst nests lists inside items)."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(-1, root)]
    for item in items:
        node = {"spans": item["spans"], "children": []}
        while len(stack) > 1 and stack[-1][0] >= item["level"]:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((item["level"], node["children"]))
    return root


def payload(data: ManualData) -> dict[str, Any]:
    out = data.as_dict()
    for section in out["sections"]:
        for block in section["blocks"]:
            if block["type"] == "list":
                block["items"] = _nest(block["items"])
    running = (
        f"{data.document_number} · {data.labels['version']} {data.version}"
        if data.controlled
        else f"{data.labels['uncontrolled']} · {data.generated}"
    )
    out.update(
        language_inputs(data.language),
        running=running,
        footer=f"SB/T 10382-2004 · {data.date}",
    )
    return out


def render(data: ManualData) -> bytes:
    return compile_typst(TEMPLATE, payload(data))
