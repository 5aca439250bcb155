"""The service blueprint, drawn from the data (no drawing by hand).

Columns are the contact points in the customer's order, grouped by stage. Lanes,
top to bottom: physical evidence (the facilities, supplies and environment items
of the provision specification), the customer's action (the contact point),
the line of interaction, onstage (the service specification and the personnel
items), the line of visibility, and backstage / support (the control items).
Only approved versions are drawn: the blueprint shows what is in force.

`build()` reads in a fixed number of queries; `render_svg()` is pure and draws
with presentation attributes only (no CSS), so the SVG works inline under the
page's content security policy, as a download and inside a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import Q
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, Site
from fuwu.core.text import printable

from . import selectors
from .models import ItemCategory, Specification, SpecificationItem, Stage

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


@dataclass
class Column:
    code: str
    name: str
    stage: str
    channel: str
    manned: bool
    url: str = ""
    evidence: list[str] = field(default_factory=list)
    onstage: list[str] = field(default_factory=list)
    backstage: list[str] = field(default_factory=list)


@dataclass
class Blueprint:
    organization: str
    site: str
    columns: list[Column]

    def stages(self) -> list[tuple[str, str, int, int]]:
        """(stage, label, first column, number of columns) for the stages present."""
        spans = []
        for stage in Stage.values:
            indexes = [i for i, c in enumerate(self.columns) if c.stage == stage]
            if indexes:
                spans.append((stage, str(Stage(stage).label), indexes[0], len(indexes)))
        return spans


def build(organization: Organization, *, site: Site | None = None, user: Any = None) -> Blueprint:
    from django.urls import reverse

    points = selectors.journey(organization, site=site, user=user)
    specs = Specification.objects.filter(contact_point__in=points).filter(
        Q(local=False) | Q(local=True, site=site) if site is not None else Q(local=False)
    )
    specs = list(specs.select_related("document"))
    versions = {
        s.document.current_version_id: s
        for s in specs
        if s.document is not None and s.document.current_version_id
    }
    items = selectors.items_of_versions(versions)
    by_point: dict[int, list[SpecificationItem]] = {}
    for version_id, spec in versions.items():
        by_point.setdefault(spec.contact_point_id, []).extend(items.get(version_id, []))
    # In the standard's order of categories (procedure steps keep theirs), the
    # organization's items before a site's addendum.
    rank = {category: index for index, category in enumerate(ItemCategory.values)}
    for rows in by_point.values():
        rows.sort(
            key=lambda item: (rank[item.category], versions[item.version_id].local, item.order)
        )
    columns = []
    for point in points:
        column = Column(
            code=point.code,
            name=point.name,
            stage=point.stage,
            channel=str(point.get_channel_display()),
            manned=point.manned,
            url=reverse("design:contactpoint_detail", args=[point.pk]),
        )
        for item in by_point.get(point.pk, []):
            if not item.applies:
                continue
            lane = _lane(item.category)
            getattr(column, lane).append(item.text)
        columns.append(column)
    return Blueprint(
        organization=organization.name, site=site.name if site else "", columns=columns
    )


def _lane(category: str) -> str:
    if category in EVIDENCE:
        return "evidence"
    if category in ONSTAGE:
        return "onstage"
    return "backstage"


def as_json(blueprint: Blueprint) -> dict[str, Any]:
    return {
        "organization": blueprint.organization,
        "site": blueprint.site,
        "stages": [
            {"stage": stage, "label": label, "first": first, "count": count}
            for stage, label, first, count in blueprint.stages()
        ],
        "contact_points": [
            {
                "code": c.code,
                "name": c.name,
                "stage": c.stage,
                "channel": c.channel,
                "manned": c.manned,
                "physical_evidence": c.evidence,
                "onstage": c.onstage,
                "backstage": c.backstage,
            }
            for c in blueprint.columns
        ],
    }


# -- drawing ------------------------------------------------------------------------------

FONT = "Noto Sans CJK SC, Noto Sans, Helvetica, Arial, sans-serif"
SIZE = 11  # px
LINE = 15
LABEL_WIDTH = 150
COLUMN_WIDTH = 200
PAD = 8
STAGE_HEIGHT = 28
# Lane heights, and how many text lines each may hold before "+N more".
LANES = (("evidence", 130), ("customer", 84), ("onstage", 190), ("backstage", 160))
COLOURS = {"before": "#e7f1fb", "during": "#e9f7ef", "after": "#fdf3e1"}


def _width(text: str) -> float:
    """Rough text width: CJK characters are about one em wide, others about half."""
    return sum(SIZE if ord(ch) > 0x2E80 else SIZE * 0.56 for ch in text)


def wrap(text: str, width: float) -> list[str]:
    """Break `text` into lines of at most `width` pixels (at spaces for Latin
    text, anywhere for CJK)."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if current and _width(current + token) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for ch in " ".join(text.split()):
        if ord(ch) > 0x2E80:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _cell_lines(texts: list[str], capacity: int) -> list[str]:
    """Bulleted, wrapped lines of the texts, cut to `capacity` with a "+N more"."""
    lines: list[str] = []
    shown = 0
    for text in texts:
        wrapped = wrap(text, COLUMN_WIDTH - 2 * PAD - 10)
        if len(lines) + len(wrapped) > capacity - 1 and shown < len(texts):
            break
        lines.extend(["• " + wrapped[0], *("  " + line for line in wrapped[1:])])
        shown += 1
    if shown < len(texts):
        lines = lines[: capacity - 1]
        lines.append(_("+%(count)s more") % {"count": len(texts) - shown})
    return lines


def _text(x: float, y: float, lines: list[str], **attrs: str) -> str:
    attrs.setdefault("font_size", str(SIZE))
    extra = "".join(f' {k.replace("_", "-")}="{escape(printable(v))}"' for k, v in attrs.items())
    spans = "".join(
        # SVG is XML: a control character stored before input was checked is left out.
        f'<tspan x="{x:.0f}" y="{y + i * LINE:.0f}">{escape(printable(line))}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text{extra}>{spans}</text>"


def render_svg(blueprint: Blueprint) -> str:
    columns = blueprint.columns
    width = LABEL_WIDTH + max(len(columns), 1) * COLUMN_WIDTH + PAD
    height = STAGE_HEIGHT + sum(h for _, h in LANES) + 2 * PAD
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{escape(FONT)}" role="img" '
        f'aria-label="{escape(_("Service blueprint"))}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if not columns:
        parts.append(
            _text(
                PAD * 2,
                height / 2,
                [_("No contact points yet: add them in Contact points.")],
                fill="#667382",
            )
        )
        parts.append("</svg>")
        return "".join(parts)
    parts += _stage_bands(blueprint)
    parts += _lanes(columns)
    parts.append("</svg>")
    return "".join(parts)


def _stage_bands(blueprint: Blueprint) -> list[str]:
    parts = []
    for stage, label, first, count in blueprint.stages():
        x = LABEL_WIDTH + first * COLUMN_WIDTH
        parts.append(
            f'<rect x="{x}" y="{PAD}" width="{count * COLUMN_WIDTH - 4}" '
            f'height="{STAGE_HEIGHT - 6}" rx="4" fill="{COLOURS[stage]}"/>'
        )
        parts.append(_text(x + PAD, PAD + 16, [label], font_weight="bold", fill="#1d273b"))
    return parts


def _lane_labels() -> dict[str, str]:
    return {
        "evidence": _("Physical evidence"),
        "customer": _("Customer actions (contact points)"),
        "onstage": _("Onstage: contact activities and staff"),
        "backstage": _("Backstage and support: control"),
    }


def _lanes(columns: list[Column]) -> list[str]:
    parts: list[str] = []
    labels = _lane_labels()
    y = PAD + STAGE_HEIGHT
    right = LABEL_WIDTH + len(columns) * COLUMN_WIDTH
    for lane, lane_height in LANES:
        parts.append(
            f'<rect x="0" y="{y}" width="{right + PAD}" height="{lane_height}" '
            f'fill="{"#f8fafc" if lane in ("evidence", "backstage") else "#ffffff"}"/>'
        )
        parts.append(
            _text(
                PAD,
                y + 18,
                wrap(labels[lane], LABEL_WIDTH - 2 * PAD),
                font_weight="bold",
                fill="#1d273b",
            )
        )
        capacity = (lane_height - 2 * PAD) // LINE
        for index, column in enumerate(columns):
            x = LABEL_WIDTH + index * COLUMN_WIDTH
            parts += _cell(lane, column, x, y, lane_height, capacity)
        y += lane_height
        if lane == "customer":
            parts += _line(y, right, _("Line of interaction"))
        elif lane == "onstage":
            parts += _line(y, right, _("Line of visibility"))
    return parts


def _line(y: float, right: float, label: str) -> list[str]:
    return [
        f'<line x1="0" y1="{y}" x2="{right + PAD}" y2="{y}" stroke="#206bc4" '
        f'stroke-width="1.5" stroke-dasharray="6 4"/>',
        _text(PAD, y - 4, [label], fill="#206bc4", font_size="10"),
    ]


def _cell(lane: str, column: Column, x: float, y: float, height: float, capacity: int) -> list[str]:
    if lane == "customer":
        return _point_box(column, x, y, height)
    texts = {"evidence": column.evidence, "onstage": column.onstage, "backstage": column.backstage}[
        lane
    ]
    if not texts:
        return [_text(x + PAD, y + PAD + 12, ["—"], fill="#9aa0ac")]
    return [_text(x + PAD, y + PAD + 12, _cell_lines(texts, capacity), fill="#1d273b")]


def _point_box(column: Column, x: float, y: float, height: float) -> list[str]:
    # Unmanned contact points: a dashed purple box.
    stroke = "#206bc4" if column.manned else '#ae3ec9" stroke-dasharray="5 3'
    box = (
        f'<rect x="{x + 4}" y="{y + 6}" width="{COLUMN_WIDTH - 8}" height="{height - 12}" rx="6" '
        f'fill="#ffffff" stroke-width="1.5" stroke="{stroke}"/>'
    )
    lines = wrap(f"{column.code} {column.name}", COLUMN_WIDTH - 2 * PAD - 8)[:2]
    detail = column.channel if column.manned else f"{column.channel} · {_('Unmanned')}"
    return [
        box,
        _text(x + PAD + 4, y + 24, lines, font_weight="bold", fill="#1d273b"),
        _text(
            x + PAD + 4,
            y + 24 + LINE * len(lines),
            [detail],
            fill="#ae3ec9" if not column.manned else "#667382",
        ),
    ]
