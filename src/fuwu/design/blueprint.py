"""The service blueprint, drawn from the data (no drawing by hand).

Columns are the contact points in the customer's order, grouped by stage. Lanes,
top to bottom: physical evidence (the facilities, supplies and environment items
of the provision specification), the customer's actions (the contact points), the
line of interaction, onstage (the service specification, the personnel items and
the point's owner role), the line of visibility, and backstage / support (the
control items). Only approved versions are drawn: the blueprint shows what is in
force, to managers and front-line staff alike.

`build()` reads in a fixed number of queries whatever the number of points;
`render_svg()` is pure and draws with presentation attributes only (no CSS, no
script), so the SVG works inline under the page's content security policy, as a
download and inside a PDF. Texts are resolved in the active language: build and
draw inside the same `translation.override()`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax import saxutils

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, Site
from fuwu.core.text import printable
from fuwu.documents.models import Status

from . import selectors
from .models import ContactPoint, ItemCategory, Specification, SpecificationItem, Stage

EVIDENCE = (ItemCategory.FACILITIES, ItemCategory.SUPPLIES, ItemCategory.ENVIRONMENT)
ONSTAGE = (
    ItemCategory.SCOPE,
    ItemCategory.PROCEDURE,
    ItemCategory.SKILLS,
    ItemCategory.ETIQUETTE,
    ItemCategory.PERSONNEL,
)
BACKSTAGE = (
    ItemCategory.INSPECTION,
    ItemCategory.NONCONFORMITY,
    ItemCategory.ANALYSIS,
    ItemCategory.IMPROVEMENT,
)
LANE_OF = {
    **dict.fromkeys(EVIDENCE, "evidence"),
    **dict.fromkeys(ONSTAGE, "onstage"),
    **dict.fromkeys(BACKSTAGE, "backstage"),
}
# The standard's order of categories; procedure steps keep their own order within.
CATEGORY_RANK = {category: rank for rank, category in enumerate(ItemCategory.values)}


@dataclass(frozen=True)
class Item:
    category: str
    text: str
    local: bool = False  # from the chosen site's addendum


@dataclass
class Column:
    """One contact point and what the blueprint draws above and below it."""

    pk: int
    code: str
    name: str
    stage: str
    channel: str
    manned: bool
    owner_role: str = ""
    owner: str = ""  # the person who owns it, by name
    url: str = ""
    evidence: list[Item] = field(default_factory=list)
    onstage: list[Item] = field(default_factory=list)
    backstage: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class StageSpan:
    stage: str
    label: str
    first: int  # index of its first column
    count: int


@dataclass
class Blueprint:
    organization: str
    site: str
    columns: list[Column]

    def stages(self) -> list[StageSpan]:
        """The stages present, each over its run of columns (the journey is sorted
        by stage, so each stage's columns are contiguous)."""
        spans = []
        for stage in Stage.values:
            indexes = [i for i, c in enumerate(self.columns) if c.stage == stage]
            if indexes:
                spans.append(StageSpan(stage, str(Stage(stage).label), indexes[0], len(indexes)))
        return spans


# -- reading ------------------------------------------------------------------------------


def build(organization: Organization, *, site: Site | None = None, user: Any = None) -> Blueprint:
    """The blueprint of the organization (or of one site's journey), as `user`
    may see it: their contact points, and the approved items of their standard
    specifications (plus the site's approved addenda when a site is chosen)."""
    points = selectors.journey(organization, site=site, user=user)
    specifications = approved_specifications(organization, points, site=site, user=user)
    items = selectors.items_of_versions(specifications)
    by_point: dict[int, list[tuple[SpecificationItem, bool]]] = {}
    for version_id, spec in specifications.items():
        rows = by_point.setdefault(spec.contact_point_id, [])
        rows.extend((item, spec.local) for item in items.get(version_id, []) if item.applies)
    columns = [column_of(point, by_point.get(point.pk, [])) for point in points]
    return Blueprint(
        organization=organization.name, site=site.name if site else "", columns=columns
    )


def approved_specifications(
    organization: Organization,
    points: Sequence[ContactPoint],
    *,
    site: Site | None = None,
    user: Any = None,
) -> dict[int, Specification]:
    """The specifications to draw, by the id of their approved version: the
    points' standard ones and, for a site, that site's local addenda. One query
    for all the points (`selectors.standard_specification` reads one at a time)."""
    if not points:
        return {}
    rows = (
        Specification.objects.for_user(user, organization=organization)
        if user is not None
        else Specification.objects.filter(organization=organization)
    )
    wanted = Q(local=False) | Q(local=True, site=site) if site is not None else Q(local=False)
    rows = rows.filter(wanted, contact_point_id__in=[p.pk for p in points]).select_related(
        "document__current_version"
    )
    approved: dict[int, Specification] = {}
    for spec in rows:
        version = selectors.approved_version(spec)
        if version is not None and version.status == Status.APPROVED:
            approved[version.pk] = spec
    return approved


def column_of(point: ContactPoint, items: Iterable[tuple[SpecificationItem, bool]]) -> Column:
    column = Column(
        pk=point.pk,
        code=point.code,
        name=point.name,
        stage=point.stage,
        channel=str(point.get_channel_display()),
        manned=point.manned,
        owner_role=str(point.get_owner_role_display()),
        owner=point.owner.display_name if point.owner_id else "",
        url=reverse("design:contactpoint_detail", args=[point.pk]),
    )
    # The organization's requirements before the site's, each in the standard's order.
    ordered = sorted(
        items, key=lambda pair: (CATEGORY_RANK[pair[0].category], pair[1], pair[0].order)
    )
    for item, local in ordered:
        lane: list[Item] = getattr(column, LANE_OF[item.category])
        lane.append(Item(item.category, item.text, local))
    return column


def blueprint_json(blueprint: Blueprint) -> dict[str, Any]:
    """The blueprint for the API: the lanes' texts per contact point, in order."""
    return {
        "organization": blueprint.organization,
        "site": blueprint.site,
        "stages": [
            {"stage": s.stage, "label": s.label, "first": s.first, "count": s.count}
            for s in blueprint.stages()
        ],
        "contact_points": [
            {
                "id": c.pk,
                "code": c.code,
                "name": c.name,
                "stage": c.stage,
                "channel": c.channel,
                "manned": c.manned,
                "owner_role": c.owner_role,
                "owner": c.owner,
                "physical_evidence": [item.text for item in c.evidence],
                "onstage": [item.text for item in c.onstage],
                "backstage": [item.text for item in c.backstage],
            }
            for c in blueprint.columns
        ],
    }


as_json = blueprint_json  # the name the first API used


# -- measuring and wrapping text ------------------------------------------------------------

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Sans', 'Microsoft YaHei', Arial, sans-serif"
SIZE = 11  # px, the body text
SMALL = 10
LINE = 15  # px between baselines
ELLIPSIS = "…"
# Chinese punctuation that must not open a line: it stays at the end of the previous one.
NO_LINE_START = set("，。、；：！？）》」』】〉…")  # noqa: RUF001 (full-width on purpose)
# Characters XML 1.0 forbids; pasted text may carry them and would break the file.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def is_wide(ch: str) -> bool:
    # Nothing below U+1100 (Hangul Jamo, the first wide block) is wide: skip the lookup.
    return ch >= "\u1100" and unicodedata.east_asian_width(ch) in ("W", "F")


def text_width(text: str, size: float = SIZE) -> float:
    """Rough width in pixels: CJK characters are one em wide, others about half."""
    wide = sum(1 for ch in text if is_wide(ch))
    return (wide + (len(text) - wide) * 0.56) * size


def clean(text: str) -> str:
    """One line of text XML can carry: whitespace collapsed, control characters gone."""
    return " ".join(NOT_XML.sub("", text or "").split())


def wrap(text: str, width: float, size: float = SIZE) -> list[str]:
    """Break `text` into lines of at most `width` pixels: at spaces for Latin text,
    between any two characters for CJK, inside a word only if it is too long."""
    lines: list[str] = []
    current, used = "", 0.0  # the line so far and its width (kept, not re-measured)
    for token in _tokens(clean(text), width, size):
        fits = used + text_width(token.rstrip(), size) <= width
        if current and not fits and token not in NO_LINE_START:
            lines.append(current.rstrip())
            current = token.lstrip()
            used = text_width(current, size)
        else:
            current += token
            used += text_width(token, size)
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _tokens(text: str, width: float, size: float) -> list[str]:
    """Words (with their trailing space) and single CJK characters."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if is_wide(ch):
            tokens += [*_split_word(word, width, size), ch] if word else [ch]
            word = ""
        elif ch == " ":
            tokens += _split_word(word + " ", width, size)
            word = ""
        else:
            word += ch
    if word:
        tokens += _split_word(word, width, size)
    return tokens


def _split_word(word: str, width: float, size: float) -> list[str]:
    """A word wider than a line (an address, a long number) in line-sized pieces."""
    if text_width(word.rstrip(), size) <= width:
        return [word]
    pieces, piece = [], ""
    for ch in word:
        if piece and text_width(piece + ch, size) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return [*pieces, piece] if piece else pieces


def clip(lines: list[str], count: int, width: float, size: float = SIZE) -> list[str]:
    """The first `count` lines, the last ending in "…" if anything was cut."""
    if len(lines) <= count:
        return lines
    kept = lines[:count]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept


# -- laying out the cells -------------------------------------------------------------------

LABEL_WIDTH = 160
COLUMN_WIDTH = 200
PAD = 8
BULLET = 10  # indent of an item's text after its bullet
TEXT_WIDTH = COLUMN_WIDTH - 2 * PAD - BULLET
ITEM_LINES = 3  # an item longer than this is cut with "…" (its full text is its tooltip)
TITLE_HEIGHT = 34
STAGE_HEIGHT = 30
POINT_LINES = 4  # code and name (two lines), channel, unmanned
# Text lines a lane holds before "+N more", and the fewest it shows.
CAPACITY = {"evidence": 7, "onstage": 11, "backstage": 9}
MIN_LINES = 2
STAGE_FILL = {"before": "#e7f1fb", "during": "#e9f7ef", "after": "#fdf3e1"}
INK, MUTED, FAINT = "#1d273b", "#667382", "#9aa0ac"
BLUE, PURPLE, LOCAL = "#206bc4", "#ae3ec9", "#0f766e"
LOCAL_BULLET = "◆"  # a site's addendum item


@dataclass(frozen=True)
class Entry:
    """A block of lines in a cell: an item (bulleted), a note or "+N more"."""

    lines: list[str]
    kind: str = "item"  # item | note | more
    full: str = ""  # the whole text when it was cut (drawn as a tooltip)
    local: bool = False


def fit(items: Sequence[Item], capacity: int, lead: Sequence[str] = ()) -> list[Entry]:
    """The entries of a cell in at most `capacity` lines: `lead` notes first, then
    the items, each cut to a few lines; those that do not fit are counted in a
    last "+N more" line."""
    note_width = TEXT_WIDTH + BULLET
    # A note (the owner: a name and a role) may take two lines.
    entries = [
        Entry(clip(wrap(note, note_width, SMALL), 2, note_width, SMALL), "note") for note in lead
    ]
    used = sum(len(entry.lines) for entry in entries)
    shown = 0
    for index, item in enumerate(items):
        # Keep a line for "+N more" while items remain after this one.
        room = capacity - used - (1 if index < len(items) - 1 else 0)
        lines = wrap(item.text, TEXT_WIDTH) or ["—"]
        wanted = min(len(lines), ITEM_LINES)
        if wanted > room and (shown or room < 1):
            break  # later items are not squeezed: their order matters (procedure steps)
        cut = clip(lines, min(wanted, room), TEXT_WIDTH)
        entries.append(Entry(cut, "item", item.text if len(cut) < len(lines) else "", item.local))
        used += len(cut)
        shown += 1
    if shown < len(items):
        entries.append(Entry([_("+%(count)s more") % {"count": len(items) - shown}], "more"))
    return entries


def owner_line(column: Column) -> list[str]:
    """ "Owner: Zhao Min (Site manager)", or as much of it as is known."""
    if column.owner and column.owner_role:
        text = _("Owner: %(person)s (%(role)s)") % {
            "person": column.owner,
            "role": column.owner_role,
        }
    elif column.owner or column.owner_role:
        text = _("Owner: %(role)s") % {"role": column.owner or column.owner_role}
    else:
        return []
    return [text]


def lane_entries(lane: str, column: Column) -> list[Entry]:
    if lane == "onstage":
        return fit(column.onstage, CAPACITY[lane], owner_line(column))
    return fit(getattr(column, lane), CAPACITY[lane])


def lane_labels() -> dict[str, tuple[str, list[str]]]:
    """Each lane's name and, below it, the categories it draws."""

    def labels(categories: Iterable[str]) -> list[str]:
        return [str(ItemCategory(c).label) for c in categories]

    return {
        "evidence": (_("Physical evidence"), labels(EVIDENCE)),
        "customer": (_("Customer actions (contact points)"), []),
        "onstage": (_("Onstage: contact activities and staff"), labels(ONSTAGE)),
        "backstage": (_("Backstage and support: control"), labels(BACKSTAGE)),
    }


def label_lines(title: str, subtitles: list[str]) -> tuple[list[str], list[str]]:
    width = LABEL_WIDTH - 2 * PAD
    return wrap(title, width), [line for sub in subtitles for line in wrap(sub, width, SMALL)]


@dataclass
class Layout:
    """Where the lanes go (y, height) and what each cell holds."""

    lanes: list[tuple[str, float, float]]
    cells: dict[tuple[str, int], list[Entry]]
    width: float
    height: float


def layout(blueprint: Blueprint) -> Layout:
    labels = lane_labels()
    cells: dict[tuple[str, int], list[Entry]] = {}
    lanes: list[tuple[str, float, float]] = []
    y = float(TITLE_HEIGHT + STAGE_HEIGHT)
    for lane in ("evidence", "customer", "onstage", "backstage"):
        title, subtitles = label_lines(*labels[lane])
        lines = len(title) + len(subtitles)
        if lane == "customer":
            lines = max(lines, POINT_LINES)
        else:
            for index, column in enumerate(blueprint.columns):
                cells[lane, index] = entries = lane_entries(lane, column)
                lines = max(lines, MIN_LINES, sum(len(e.lines) for e in entries))
        height = lines * LINE + 2 * PAD + 6
        lanes.append((lane, y, height))
        y += height
    width = LABEL_WIDTH + max(len(blueprint.columns), 1) * COLUMN_WIDTH + PAD
    return Layout(lanes, cells, width, y + PAD)


# -- drawing --------------------------------------------------------------------------------


def escape(value: str) -> str:
    """Text for SVG, which is XML: a control character stored before input was
    checked is left out rather than making the drawing unreadable."""
    return saxutils.escape(printable(value))


def quoteattr(value: str) -> str:
    return saxutils.quoteattr(printable(value))


def attrs(**values: Any) -> str:
    """SVG attributes from keywords (font_size → font-size), escaped."""
    return "".join(
        f" {key.replace('_', '-')}={quoteattr(str(value))}"
        for key, value in values.items()
        if value is not None
    )


def text(x: float, y: float, lines: Sequence[str], *, title: str = "", **style: Any) -> str:
    """A `<text>` of several lines, one `<tspan>` each; `title` becomes its tooltip."""
    style.setdefault("font_size", SIZE)
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{y + i * LINE:.0f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    tip = f"<title>{escape(title)}</title>" if title else ""
    return f"<text{attrs(**style)}>{tip}{spans}</text>"


def render_svg(blueprint: Blueprint, *, links: bool = False) -> str:
    """The blueprint as a standalone SVG document. `links`: the contact points
    link to their pages (for the page; a downloaded file has no server to go to)."""
    if not blueprint.columns:
        return _empty(blueprint)
    plan = layout(blueprint)
    parts = [
        _open(blueprint, plan.width, plan.height),
        _title(blueprint),
        *_stage_bands(blueprint, plan),
    ]
    for lane, y, height in plan.lanes:
        parts += _lane(blueprint, plan, lane, y, height, links)
    parts += _stage_borders(blueprint, plan)
    parts += _lines(blueprint, plan)
    parts.append("</svg>")
    return "".join(parts)


def _open(blueprint: Blueprint, width: float, height: float) -> str:
    name = _("Service blueprint")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"'
        f"{attrs(width=f'{width:.0f}', height=f'{height:.0f}')}"
        f' viewBox="0 0 {width:.0f} {height:.0f}"'
        f"{attrs(font_family=FONT, role='img', aria_label=name)}>"
        f"<title>{escape(_heading(blueprint))}</title>"
        '<defs><marker id="fuwu-blueprint-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" '
        f'fill="{MUTED}"/></marker></defs>'
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>'
    )


def _heading(blueprint: Blueprint) -> str:
    return " · ".join(
        part for part in (_("Service blueprint"), blueprint.organization, blueprint.site) if part
    )


def _title(blueprint: Blueprint) -> str:
    heading = _heading(blueprint)
    drawn = text(PAD, 22, [heading], font_size=14, font_weight="bold", fill=INK)
    if any(
        item.local for c in blueprint.columns for item in (*c.evidence, *c.onstage, *c.backstage)
    ):
        # The key to the site's own requirements (marked, not only coloured).
        key = f"{LOCAL_BULLET} " + _("Local addendum, %(site)s") % {"site": blueprint.site}
        x = PAD + text_width(heading, 14) + 3 * PAD
        drawn += text(x, 22, [key], fill=LOCAL)
    return drawn


def _empty(blueprint: Blueprint) -> str:
    width, height = 640, 120
    message = wrap(_("No contact points yet: add them in Contact points."), width - 4 * PAD)
    return "".join(
        [
            _open(blueprint, width, height),
            _title(blueprint),
            f'<rect x="{PAD}" y="{TITLE_HEIGHT}" width="{width - 2 * PAD}" '
            f'height="{height - TITLE_HEIGHT - PAD}" rx="6" fill="#f8fafc" stroke="#dce1e7"/>',
            text(2 * PAD, TITLE_HEIGHT + 34, message, fill=MUTED, font_size=12),
            "</svg>",
        ]
    )


def _stage_bands(blueprint: Blueprint, plan: Layout) -> list[str]:
    parts = []
    for span in blueprint.stages():
        x = LABEL_WIDTH + span.first * COLUMN_WIDTH
        band = span.count * COLUMN_WIDTH - 4
        parts.append(
            f'<rect x="{x}" y="{TITLE_HEIGHT}" width="{band}" height="{STAGE_HEIGHT - 6}" '
            f'rx="4" fill="{STAGE_FILL[span.stage]}"/>'
        )
        label = clip(wrap(span.label, band - 2 * PAD), 1, band - 2 * PAD)
        parts.append(text(x + PAD, TITLE_HEIGHT + 17, label, font_weight="bold", fill=INK))
    return parts


def _stage_borders(blueprint: Blueprint, plan: Layout) -> list[str]:
    """Where a stage begins: a line down through the lanes (drawn over them)."""
    top, bottom = plan.lanes[0][1], plan.height - PAD
    parts = []
    for span in blueprint.stages()[1:]:
        x = LABEL_WIDTH + span.first * COLUMN_WIDTH - 2
        parts.append(f'<line x1="{x}" y1="{top:.0f}" x2="{x}" y2="{bottom:.0f}" stroke="#c8d3e1"/>')
    return parts


def _lane(
    blueprint: Blueprint, plan: Layout, lane: str, y: float, height: float, links: bool
) -> list[str]:
    shaded = lane in ("evidence", "backstage")
    parts = [
        f'<rect x="0" y="{y:.0f}" width="{plan.width:.0f}" height="{height:.0f}" '
        f'fill="{"#f8fafc" if shaded else "#ffffff"}"/>',
        *_lane_label(lane, y),
    ]
    for index, column in enumerate(blueprint.columns):
        x = LABEL_WIDTH + index * COLUMN_WIDTH
        if lane == "customer":
            parts += _point(column, x, y, height, links)
            if index < len(blueprint.columns) - 1:
                parts.append(_arrow(x, y + height / 2))
        else:
            parts += _cell(plan.cells[lane, index], x, y)
    return parts


def _lane_label(lane: str, y: float) -> list[str]:
    title, subtitles = label_lines(*lane_labels()[lane])
    parts = [text(PAD, y + PAD + 12, title, font_weight="bold", fill=INK)]
    if subtitles:
        top = y + PAD + 12 + LINE * len(title)
        parts.append(text(PAD, top, subtitles, font_size=SMALL, fill=MUTED))
    return parts


def _cell(entries: list[Entry], x: float, y: float) -> list[str]:
    if not entries:
        return [text(x + PAD, y + PAD + 12, ["—"], fill=FAINT)]
    parts = []
    top = y + PAD + 12
    for entry in entries:
        if entry.kind == "item":
            colour = LOCAL if entry.local else INK
            parts.append(text(x + PAD, top, [LOCAL_BULLET if entry.local else "•"], fill=colour))
            parts.append(text(x + PAD + BULLET, top, entry.lines, title=entry.full, fill=colour))
        else:
            style = {"fill": MUTED if entry.kind == "note" else BLUE, "font_size": SMALL}
            parts.append(text(x + PAD, top, entry.lines, **style))
        top += LINE * len(entry.lines)
    return parts


def _point(column: Column, x: float, y: float, height: float, links: bool) -> list[str]:
    """The contact point's box: solid if manned, dashed and marked if unmanned."""
    dashed = None if column.manned else "5 3"
    stroke = BLUE if column.manned else PURPLE
    box = (
        f'<rect x="{x + 6}" y="{y + 6:.0f}" width="{COLUMN_WIDTH - 24}" '
        f'height="{height - 12:.0f}" rx="6" fill="#ffffff"'
        f"{attrs(stroke=stroke, stroke_width='1.5', stroke_dasharray=dashed)}/>"
    )
    width = COLUMN_WIDTH - 24 - 2 * PAD
    name = clip(wrap(f"{column.code} {column.name}", width), 2, width)
    left, top = x + 6 + PAD, y + PAD + 18
    parts = [
        box,
        text(left, top, name, font_weight="bold", fill=INK),
        text(left, top + LINE * len(name), [column.channel], fill=MUTED),
    ]
    if not column.manned:
        marker = [_("Unmanned")]
        parts.append(
            text(left, top + LINE * (len(name) + 1), marker, fill=PURPLE, font_weight="bold")
        )
    if links and column.url:
        return [f"<a{attrs(href=column.url)}>", *parts, "</a>"]
    return parts


def _arrow(x: float, y: float) -> str:
    """From one contact point to the next one the customer meets."""
    start, end = x + COLUMN_WIDTH - 17, x + COLUMN_WIDTH + 5
    return (
        f'<line x1="{start}" y1="{y:.0f}" x2="{end}" y2="{y:.0f}" stroke="{MUTED}" '
        f'stroke-width="1.2" marker-end="url(#fuwu-blueprint-arrow)"/>'
    )


def _lines(blueprint: Blueprint, plan: Layout) -> list[str]:
    """The line of interaction (below the customer's actions) and the line of
    visibility (below onstage), dashed, named at the left and again every few
    columns so a wide blueprint stays readable when scrolled."""
    bottoms = {lane: y + height for lane, y, height in plan.lanes}
    parts = []
    for lane, label in (
        ("customer", _("Line of interaction")),
        ("onstage", _("Line of visibility")),
    ):
        y = bottoms[lane]
        parts.append(
            f'<line x1="0" y1="{y:.0f}" x2="{plan.width:.0f}" y2="{y:.0f}" stroke="{BLUE}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        for index in range(0, len(blueprint.columns), REPEAT_EVERY):
            x = PAD if index == 0 else LABEL_WIDTH + index * COLUMN_WIDTH + PAD
            parts.append(_line_label(x, y, label))
    return parts


REPEAT_EVERY = 6  # columns between repeats of a line's name


def _line_label(x: float, y: float, label: str) -> str:
    width = text_width(label, SMALL) + 8
    return (
        f'<rect x="{x - 4:.0f}" y="{y - 8:.0f}" width="{width:.0f}" height="15" rx="3" '
        f'fill="#ffffff"/>' + text(x, y + 4, [label], fill=BLUE, font_size=SMALL)
    )
