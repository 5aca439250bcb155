"""The one typst template every generated PDF is drawn with (see pdf.py).

The document reaches it as JSON through `sys.inputs` (see fuwu.core.typst), so text from
users is always set as text and never read as typst markup. The figure kinds of
figures.py are included before it.
"""

TEMPLATE = r"""
#let d = json(bytes(sys.inputs.data))
#let L = d.labels
#let grey = luma(95)
#let accent = rgb("#206bc4")

// Text from users: every line break kept, nothing read as markup.
#let txt(s) = s.split("\n").map(p => [#p]).join(linebreak())

#let badge(key, body) = {
  let c = rgb("#" + d.badges.at(key, default: "6c7a91"))
  if key == "excluded" {
    box(stroke: 0.6pt + c, inset: (x: 3pt, y: 2pt), radius: 2pt, text(fill: c, size: 8pt, body))
  } else {
    box(fill: c, inset: (x: 3pt, y: 2pt), radius: 2pt, text(fill: white, size: 8pt, body))
  }
}

#let span(s) = {
  let body = if s.c { raw(s.t) } else { txt(s.t) }
  if s.b { body = strong(body) }
  if s.i { body = emph(body) }
  if s.g { body = text(fill: grey, body) }
  if s.s == "small" { body = text(size: 0.85em, body) }
  if s.s == "large" { body = text(size: 20pt, weight: "bold", body) }
  if s.badge != "" { body = badge(s.badge, body) }
  body
}
#let spans(list) = list.map(span).join()
#let cell(c) = if type(c) == str { txt(c) } else if type(c) == array { spans(c) } else {
  [#str(c)]
}

#let list-item(it, ordered) = {
  spans(it.spans)
  if it.children.len() > 0 {
    let items = it.children.map(c => list-item(c, ordered))
    if ordered { enum(..items) } else { list(..items) }
  }
}

#let facts(b) = {
  let grid-body = grid(
    columns: range(b.columns).map(_ => (auto, 1fr)).flatten(),
    column-gutter: 0.8em,
    row-gutter: 0.6em,
    ..b.rows.map(r => (text(fill: grey, cell(r.at(0))), cell(r.at(1)))).flatten(),
  )
  if b.boxed { block(width: 100%, fill: luma(247), inset: (x: 8pt, y: 6pt), grid-body) }
  else { block(grid-body) }
}

#let fuwu-table(b) = {
  let columns = b.widths.map(w => w * 1fr)
  // An indented row (a lettered item under its clause) is set in at its first cell.
  let shown(i, j, c) = if j == 0 and b.indented.contains(i) { pad(left: 8pt, cell(c)) } else {
    cell(c)
  }
  if b.rows.len() == 0 and b.empty != "" {
    par(text(fill: grey, b.empty))
  } else if b.columns.len() > 0 {
    table(
      columns: columns,
      align: left,  // inside a figure (a caption) too
      table.header(..b.columns.map(c => text(font: d.fonts.sans, weight: "bold", c))),
      ..b.rows.enumerate().map(((i, r)) => r.enumerate().map(((j, c)) => shown(i, j, c))).flatten(),
    )
  } else {
    table(
      columns: columns,
      stroke: none,
      inset: (x: 0pt, y: 3pt),
      ..b.rows.map(r => (text(fill: grey, cell(r.at(0))), ..r.slice(1).map(cell))).flatten(),
    )
  }
}

#let heading-body(b) = {
  let title = if b.number != "" { [#b.number#h(0.7em)#b.title] } else { [#b.title] }
  if b.note != "" { [#title #text(weight: "regular", fill: grey, size: 0.85em)[#b.note]] }
  else { title }
}

#let fuwu-block(b) = {
  if b.type == "heading" {
    heading(level: b.level, outlined: b.level <= 2, heading-body(b))
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
    let body = if b.caption != "" {
      figure(fuwu-table(b), caption: b.caption, kind: table)
    } else { fuwu-table(b) }
    if b.landscape { page(flipped: true, body) } else { body }
  } else if b.type == "facts" {
    facts(b)
  } else if b.type == "pagebreak" {
    pagebreak(weak: true)
  } else if b.type == "figure" {
    figure(image(bytes(b.svg), format: "svg", width: calc.min(b.width, 17) * 1cm),
      caption: if b.caption != "" { b.caption } else { none })
  } else if b.type == "diagram" {
    figure((fuwu-figures.at(b.kind))(b.data), caption: b.caption)
  }
}

#let running(pair) = context {
  let here = str(counter(page).get().first())
  let total = str(counter(page).final().first())
  let fill(s) = s.replace("%(page)s", here).replace("%(total)s", total)
  set text(size: 8pt, fill: grey)
  grid(columns: (1fr, auto), column-gutter: 1em, [#fill(pair.at(0))], [#fill(pair.at(1))])
}

#set document(title: d.title + " · " + d.author, author: d.author)
#set text(font: d.fonts.serif, size: 10pt, lang: d.lang, region: d.region)
#set par(leading: 0.7em, spacing: 1.1em)
#set list(indent: 0.4em, spacing: 0.75em)
#set enum(indent: 0.4em, spacing: 0.75em)
#show heading: set text(font: d.fonts.sans, weight: "bold")
#show heading.where(level: 1): it => block(above: 1.6em, below: 1em,
  text(size: 14pt, fill: accent, it.body))
#show heading.where(level: 2): it => block(above: 1.4em, below: 0.8em, text(size: 11.5pt, it.body))
#show heading.where(level: 3): it => block(above: 1.1em, below: 0.6em, text(size: 10pt, it.body))
#set table(stroke: 0.4pt + luma(200), inset: 4.5pt)
#show table: set text(size: 8.8pt)
#show table: set par(justify: false)
#show figure.caption: set text(size: 8.5pt, fill: grey)
#show outline.entry.where(level: 1): it => { v(0.5em, weak: true); strong(it) }

#let title-block(size) = {
  if d.lead != "" { text(font: d.fonts.sans, size: 9.5pt, fill: grey)[#d.lead] }
  if d.title_page { v(16%) } else { v(0.2em) }
  text(font: d.fonts.sans, size: size, weight: "bold", fill: accent)[#d.title]
  if d.subtitle != "" {
    v(0.1em)
    text(font: d.fonts.sans, size: size / 2, fill: grey)[#d.subtitle]
  }
  if d.name != "" {
    v(if d.title_page { 1.4em } else { 0.1em })
    text(font: d.fonts.sans, size: if d.title_page { 18pt } else { 14pt }, weight: "bold")[#d.name]
  }
  v(0.8em)
  for b in d.cover { fuwu-block(b) }
}

#let page-setup = (
  paper: "a4",
  margin: (x: 2cm, top: 2.4cm, bottom: 2.2cm),
  header: context {
    running(d.header)
    v(-0.45em)
    line(length: 100%, stroke: 0.4pt + luma(200))
  },
  footer: running(d.footer),
)

#if d.title_page {
  page(margin: (x: 2.5cm, y: 2.4cm), header: none, footer: none)[
    #title-block(28pt)
    #v(1fr)
    #for b in d.cover_foot { fuwu-block(b) }
  ]
}
#set page(..page-setup)
#counter(page).update(1)
#if not d.title_page { title-block(20pt) }
#if d.contents != "" {
  outline(title: d.contents, depth: 2, indent: auto)
}
#for b in d.blocks { fuwu-block(b) }
"""
