"""The contact process in the service manual (4.6.3 d): the three stages with their
planned activities (4.4.1), the contact points in the customer's order, and a summary
of each point's approved specifications (4.4.3). Replaces the documents app's
placeholder under the same key; discovered at start-up like every app's `manual.py`.

Read in five queries whatever the number of contact points: the activities, the
points (with their sites), their specifications and the items of the approved versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from fuwu.core.compose import noted
from fuwu.core.manual import (
    Block,
    BulletList,
    Heading,
    ManualContext,
    Paragraph,
    Span,
    Table,
    manual_section,
)
from fuwu.documents.models import Status

from . import selectors
from .models import (
    CATEGORIES,
    KIND_CLAUSES,
    STAGE_CLAUSES,
    ContactActivity,
    ContactPoint,
    ContactPointStatus,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
    Stage,
)


def colon() -> str:
    """A colon after a label: the catalog makes it full-width (and spaceless) in Chinese."""
    mark = _(":")
    return mark if mark == "\uff1a" else f"{mark} "


def joined(values: list[str]) -> str:
    return pgettext("list separator", ", ").join(v for v in values if v)


# -- what the section reads ------------------------------------------------------------


@dataclass
class Approved:
    """A contact point's approved specifications and their items."""

    standard: dict[tuple[int, str], Specification] = field(default_factory=dict)
    local_sites: dict[int, list[str]] = field(default_factory=dict)  # point → site codes
    items: dict[int, list[SpecificationItem]] = field(default_factory=dict)  # version → items

    def of(self, point: ContactPoint, kind: str) -> Specification | None:
        return self.standard.get((point.pk, kind))

    def items_of(self, specification: Specification) -> list[SpecificationItem]:
        return self.items.get(specification.document.current_version_id, [])


def is_approved(specification: Specification) -> bool:
    document = specification.document
    version = document.current_version if document is not None else None
    return version is not None and version.status == Status.APPROVED


def approved_specifications(
    points: list[ContactPoint], site_ids: set[int] | None = None
) -> Approved:
    """Every approved specification of the points, and their items (two queries);
    local addenda only of `site_ids` (None: every site)."""
    found = Approved()
    rows = (
        Specification.objects.filter(contact_point__in=[p.pk for p in points])
        .select_related("document__current_version", "site")
        .order_by("contact_point", "kind", "site__code")
    )
    for spec in rows:
        if not is_approved(spec):
            continue
        if spec.local:
            if site_ids is not None and spec.site_id not in site_ids:
                continue
            found.local_sites.setdefault(spec.contact_point_id, []).append(spec.site.code)
        else:
            found.standard[(spec.contact_point_id, spec.kind)] = spec
    versions = [s.document.current_version_id for s in found.standard.values()]
    found.items = selectors.items_of_versions(versions) if versions else {}
    return found


# -- the stages ------------------------------------------------------------------------


def activity_item(activity: ContactActivity) -> list[Span]:
    """The activity's name, and how it is planned when that is written down."""
    description = " ".join(activity.description.split())
    if not description:
        return [Span(activity.name)]
    return [Span(activity.name, bold=True), Span(colon() + description)]


def stages(activities: dict[str, list[ContactActivity]]) -> list[Block]:
    blocks: list[Block] = [
        Heading(_("The three stages")),
        Paragraph.of(
            _(
                "Clause 4.4.1 plans the contact process in three stages. The activities the "
                "organization carries out in each stage:"
            )
        ),
    ]
    for stage in Stage.values:
        label = Stage(stage).label
        blocks.append(Heading(noted(label, STAGE_CLAUSES[stage]), level=3))
        planned = activities.get(stage, [])
        if planned:
            blocks.append(BulletList.of([activity_item(a) for a in planned]))
        else:
            blocks.append(Paragraph.of(_("No activity is planned for this stage yet."), "notice"))
    return blocks


# -- the contact points ------------------------------------------------------------------


def sites_of(point: ContactPoint, site_ids: set[int] | None = None) -> str:
    """Where the point is deployed: of the reader's sites (`site_ids`; None: all)."""
    if point.site is not None:
        return _("%(site)s (its own)") % {"site": point.site.code}
    sites = [s for s in point.sites.all() if site_ids is None or s.pk in site_ids]
    return joined([site.code for site in sites]) or "—"


def point_name(point: ContactPoint) -> str:
    if point.status == ContactPointStatus.PLANNED:
        return _("%(name)s (planned)") % {"name": point.name}
    return point.name


def journey_table(points: list[ContactPoint], site_ids: set[int] | None = None) -> list[Block]:
    manned = sum(1 for p in points if p.manned)
    summary = ngettext(
        "%(count)s contact point, in the order the customer meets them",
        "%(count)s contact points, in the order the customer meets them",
        len(points),
    ) % {"count": len(points)}
    counts = joined(
        [
            ngettext("%(count)s manned", "%(count)s manned", manned) % {"count": manned},
            ngettext("%(count)s unmanned", "%(count)s unmanned", len(points) - manned)
            % {"count": len(points) - manned},
        ]
    )
    return [
        Heading(_("The contact points")),
        Paragraph.of(f"{summary}{colon()}{counts}."),
        Table(
            rows=tuple(
                (
                    point.code,
                    point_name(point),
                    point.get_stage_display(),
                    point.get_channel_display(),
                    _("Manned") if point.manned else _("Unmanned"),
                    sites_of(point, site_ids),
                )
                for point in points
            ),
            columns=(
                _("Code"),
                _("Contact point"),
                _("Stage"),
                _("Channel"),
                _("Manned or unmanned"),
                _("Sites"),
            ),
            widths=(0.8, 2.2, 1.6, 1.1, 1.0, 1.3),
        ),
    ]


# -- their specifications ----------------------------------------------------------------


def category_counts(kind: str, items: list[SpecificationItem]) -> str:
    """How many requirements each category has, or why it does not apply."""
    parts = []
    for category in CATEGORIES[kind]:
        label = str(ItemCategory(category).label)
        mine = [i for i in items if i.category == category]
        excluded = next((i for i in mine if not i.applies), None)
        if excluded is not None:
            value = _("not applicable (%(reason)s)") % {"reason": excluded.text}
        else:
            value = ngettext("%(count)s item", "%(count)s items", len(mine)) % {"count": len(mine)}
        parts.append(f"{label}{colon()}{value}")
    return joined(parts)


def specification_row(
    spec: Specification | None, kind: str, approved: Approved
) -> tuple[str, str, str, str, str]:
    label = noted(SpecificationKind(kind).label, KIND_CLAUSES[kind])
    if spec is None:
        return (label, "—", "—", "—", _("Not approved yet"))
    version = spec.document.current_version
    day = (
        timezone.localtime(version.approved_at).strftime("%Y-%m-%d") if version.approved_at else "—"
    )
    counts = category_counts(kind, approved.items_of(spec))
    return (label, spec.document.number, str(version.number), day, counts)


def procedure_steps(spec: Specification | None, approved: Approved) -> list[Block]:
    """The service procedure, step by step: what the customer goes through."""
    if spec is None:
        return []
    steps = [
        i.text
        for i in approved.items_of(spec)
        if i.category == ItemCategory.PROCEDURE and i.applies and i.text
    ]
    if not steps:
        return []
    title = str(ItemCategory.PROCEDURE.label) + colon().rstrip()
    return [Paragraph.of(Span(title, bold=True)), BulletList.of(steps, ordered=True)]


def point_summary(point: ContactPoint, approved: Approved) -> list[Block]:
    specs = {kind: approved.of(point, kind) for kind in SpecificationKind.values}
    blocks: list[Block] = [
        Heading(f"{point.code} {point.name}".strip(), level=3),
        Table(
            rows=tuple(specification_row(specs[k], k, approved) for k in SpecificationKind.values),
            columns=(
                _("Specification"),
                _("Document"),
                _("Version"),
                _("Approved on"),
                _("Content"),
            ),
            widths=(1.8, 1.3, 0.7, 1.1, 4.0),
        ),
    ]
    blocks += procedure_steps(specs[SpecificationKind.SERVICE], approved)
    local = approved.local_sites.get(point.pk)
    if local:
        # Translators: a label; the colon (":") and the site codes follow it.
        label = _("Approved local addenda")
        blocks.append(Paragraph.of(label + colon() + joined(local) + ".", "note"))
    return blocks


def specifications(points: list[ContactPoint], site_ids: set[int] | None = None) -> list[Block]:
    approved = approved_specifications(points, site_ids)
    blocks: list[Block] = [
        Heading(_("Their specifications")),
        Paragraph.of(
            _(
                "Clause 4.4.3 asks for three specifications at every contact point: the "
                "service specification (what is done and how), the service provision "
                "specification (the people, facilities, supplies and environment it needs) "
                "and the service control specification (how it is checked and improved). "
                "Each is a controlled document; below are the versions approved today. Their "
                "full text is in Fuwu, and each contact point's specification sheet prints "
                "them."
            )
        ),
    ]
    # Points with nothing approved yet are named once, together, not given empty tables.
    pending = []
    for point in points:
        if any(approved.of(point, kind) for kind in SpecificationKind.values):
            blocks += point_summary(point, approved)
        else:
            pending.append(f"{point.code} {point.name}".strip())
    if pending:
        # Translators: a label; the colon (":") and the contact points follow it.
        label = _("No specification is approved yet for")
        blocks.append(Paragraph.of(label + colon() + joined(pending) + ".", "notice"))
    return blocks


# -- the section ---------------------------------------------------------------------------


def empty_state() -> list[Block]:
    return [
        Heading(_("The contact points")),
        Paragraph.of(_("No contact points are recorded yet."), "notice"),
        Paragraph.of(
            _(
                "Record them in Fuwu under Service design, Contact points (%(path)s): each "
                "with its stage, channel, whether it is manned and the sites it is deployed "
                "at; then write and approve its three specifications. This section then "
                "describes them."
            )
            % {"path": reverse("design:contactpoint_list")}
        ),
    ]


@manual_section(
    order=60,
    key="contact_process",
    title=gettext_lazy("The contact process"),
    clauses=("4.6.3 d", "4.4.1", "4.4.3"),
)
def contact_process(context: ManualContext) -> list[Block]:
    organization = context.organization
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "The contact process is where %(organization)s meets its customers, at "
                "contact points that are manned or unmanned, physical or virtual (clause "
                "4.6.3 d). It is planned before, during and after service provision, and "
                "every contact point works to approved specifications."
            )
            % {"organization": organization.name}
        )
    ]
    blocks += stages(selectors.activities_by_stage(organization, active_only=True))
    # A live manual keeps to its reader's sites; a prepared version covers them all.
    points = selectors.journey(organization, user=context.reader)
    if not points:
        return blocks + empty_state()
    site_ids = context.visible_site_ids()
    return blocks + journey_table(points, site_ids) + specifications(points, site_ids)
