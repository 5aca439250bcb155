"""The conformity report as PDF, typeset by typst.

The typst source below is a fixed template; the report's data reaches it as JSON
through `sys.inputs`, so text from users (names, justifications, notes) is always
set as plain text and can never be read as typst markup.

Chinese needs a CJK font: typst embeds the subset it uses. Fonts are searched in
FONT_DIRS (Debian's fonts-noto-cjk installs Noto Sans/Serif CJK SC in the first) and
in `settings.FUWU_FONT_DIRS` if a deployment sets it. Without a CJK font the PDF still
builds, and a warning is logged: Chinese characters then show as empty boxes.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings

from .data import ReportData

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
                    "text in PDF reports will not render. Install fonts-noto-cjk or set "
                    "FUWU_FONT_DIRS.",
                    CJK_SANS,
                    ", ".join(FONT_DIRS),
                )
            _fonts = book
        return _fonts, _cjk


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
    import typst

    book, cjk = fonts()
    chinese = data.language.startswith("zh")
    payload: dict[str, Any] = data.as_dict()
    payload.update(
        lang="zh" if chinese else "en",
        region="cn" if chinese else "gb",
        score_text=data.score_text,
        statuses=["conforming", "nonconforming", "not_assessed", "excluded"],
        # One CJK family for everything (its Latin letters are good): on a cold start
        # typst reads two font files (regular, bold) instead of four.
        fonts={"serif": [CJK_SANS, CJK_SERIF, "Libertinus Serif"], "sans": [CJK_SANS, CJK_SERIF]},
    )
    pdf, warnings = typst.compile_with_warnings(
        TEMPLATE.encode(),
        font_paths=book,
        sys_inputs={"data": json.dumps(payload, ensure_ascii=False)},
    )
    for warning in warnings:
        if cjk or "font" not in str(warning.message):
            log.debug("typst: %s", warning.message)
    return pdf
