"""The conformity report as PDF, typeset by typst.

The typst source below is a fixed template; the report's data reaches it as JSON
through `sys.inputs`, so text from users (names, justifications, notes) is always
set as plain text and can never be read as typst markup.

Fonts (a CJK font for Chinese) and compiling are shared with the service manual:
see `fuwu.core.typst`.
"""

from __future__ import annotations

from typing import Any

from fuwu.core.typst import compile_typst, language_inputs

from .data import ReportData

TEMPLATE = r"""
#let d = json(bytes(sys.inputs.data))
#let L = d.labels
#let colors = (
  conforming: rgb("#2fb344"),
  nonconforming: rgb("#d63939"),
  not_assessed: rgb("#6c7a91"),
  excluded: rgb("#9ba9be"),
)
#let badge(status, label) = {
  let c = colors.at(status)
  if status == "excluded" {
    box(stroke: 0.6pt + c, inset: (x: 3pt, y: 2pt), radius: 2pt, text(fill: c, size: 8pt, label))
  } else {
    box(fill: c, inset: (x: 3pt, y: 2pt), radius: 2pt, text(fill: white, size: 8pt, label))
  }
}
#set document(title: d.title + " · " + d.organization, author: d.organization)
#set text(font: d.fonts.serif, size: 9.5pt, lang: d.lang, region: d.region)
#set par(leading: 0.6em)
#show heading: set text(font: d.fonts.sans, weight: "bold")
#show heading.where(level: 1): it => block(above: 1.4em, below: 0.9em, text(size: 14pt, it))
#set table(stroke: 0.4pt + luma(200), inset: 4pt)
#show table.cell.where(y: 0): set text(font: d.fonts.sans, weight: "bold", size: 8.5pt)

#page(margin: (x: 2.5cm, y: 3cm))[
  #v(20%)
  #text(font: d.fonts.sans, size: 10pt, fill: luma(90))[#d.standard]
  #v(0.6em)
  #text(font: d.fonts.sans, size: 26pt, weight: "bold")[#d.title]
  #v(0.4em)
  #text(font: d.fonts.sans, size: 16pt)[#d.organization]
  #v(2.5em)
  #grid(
    columns: (auto, 1fr),
    column-gutter: 1.2em,
    row-gutter: 0.8em,
    text(fill: luma(90))[#L.generated], [#d.generated],
    text(fill: luma(90))[#L.score], text(size: 20pt, weight: "bold")[#d.score_text],
  )
  #v(0.6em)
  #block(width: 85%, text(size: 9pt, fill: luma(90))[#L.score_note])
  #v(1.5em)
  #grid(
    columns: 4,
    column-gutter: 1.2em,
    ..d.statuses.map(s => [#badge(s, d.status_labels.at(s)) #h(2pt) #str(d.counts.at(s))]),
  )
  #v(2em)
  #text(font: d.fonts.sans, weight: "bold")[#L.scope]
  #v(0.3em)
  #if d.scope == "" { text(fill: luma(90))[#L.no_scope] } else { d.scope }
]

#set page(
  paper: "a4",
  margin: (x: 1.8cm, top: 2cm, bottom: 2cm),
  header: context {
    set text(size: 8pt, fill: luma(110))
    grid(columns: (1fr, auto), [#d.organization · #d.title], [#d.generated])
  },
  footer: context {
    set text(size: 8pt, fill: luma(110))
    align(right)[#L.page #counter(page).display()]
  },
)
#counter(page).update(1)

= #L.summary
#table(
  columns: (auto, 1fr, auto, auto, auto, auto, auto),
  align: (left, left, right, right, right, right, right),
  table.header(
    L.clause, L.process, L.score,
    ..d.statuses.map(s => d.status_labels.at(s)),
  ),
  ..d.processes.map(p => (
    p.ref,
    p.label,
    if p.score == none { "—" } else { str(p.score) + " %" },
    ..d.statuses.map(s => str(p.counts.at(s))),
  )).flatten(),
)

= #L.clauses
#text(size: 8.5pt, fill: luma(90))[#L.clauses_note]
#v(0.4em)
#table(
  columns: (auto, 1.3fr, auto, 2fr),
  table.header(L.clause, L.title_column, L.status, L.reasons),
  ..d.clauses.map(c => (
    if c.item { pad(left: 8pt, text(fill: luma(70), c.ref)) } else { strong(c.ref) },
    if c.item { pad(left: 8pt, text(fill: luma(70), c.title)) } else { c.title },
    badge(c.status, c.status_label),
    text(size: 8.5pt, c.reasons.map(r => [#r]).join(linebreak())),
  )).flatten(),
)

= #L.exclusions
#if d.exclusions.len() == 0 [
  #L.no_exclusions
] else {
  table(
    columns: (auto, 1fr, 2fr, auto, auto),
    table.header(L.clause, L.title_column, L.justification, L.decided_by, L.decided_on),
    ..d.exclusions.map(e => (e.ref, e.title, e.justification, e.decided_by, e.decided_on))
      .flatten(),
  )
}
"""


def render(data: ReportData) -> bytes:
    payload: dict[str, Any] = data.as_dict()
    payload.update(
        language_inputs(data.language),
        score_text=data.score_text,
        statuses=["conforming", "nonconforming", "not_assessed", "excluded"],
    )
    return compile_typst(TEMPLATE, payload)
