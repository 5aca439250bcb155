"""What a contact point's specification sheet says, gathered once in the active
language and laid out as blocks by layout.py.

Only approved versions are read: the sheet is what staff work to. Everything comes in
a fixed number of queries (the point and its sites, the specifications with their
approved versions, the items of those versions), however many items there are.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from fuwu.core.models import Site
from fuwu.documents.models import DocumentVersion, Status

from .. import selectors
from ..models import (
    CATEGORIES,
    CATEGORY_CHARACTERISTIC,
    CATEGORY_CLAUSES,
    KIND_CLAUSES,
    ContactPoint,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
)

# The columns beside the requirement, per kind: control items say how, how often and
# by whom they are checked; the others what is measured and where it comes from.
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    SpecificationKind.SERVICE: ("criterion", "reference"),
    SpecificationKind.PROVISION: ("criterion", "reference"),
    SpecificationKind.CONTROL: ("criterion", "method", "frequency", "responsible", "reference"),
}
# Relative widths of the columns: number, requirement, then EXTRA_COLUMNS.
WIDTHS: dict[str, tuple[float, ...]] = {
    SpecificationKind.SERVICE: (0.5, 5.0, 2.0, 2.0),
    SpecificationKind.PROVISION: (0.5, 5.0, 2.0, 2.0),
    SpecificationKind.CONTROL: (0.5, 3.6, 1.6, 1.6, 1.2, 1.3, 1.5),
}
EMPTY = "—"


@dataclass
class SheetItem:
    number: str
    text: str
    detail: str  # characteristic / indicator, when it says more than the category
    cells: list[str]  # one per column of EXTRA_COLUMNS[kind]


@dataclass
class SheetCategory:
    key: str
    label: str
    clause: str
    items: list[SheetItem] = field(default_factory=list)
    not_applicable: str = ""  # the reason, when the category does not apply


@dataclass
class SheetPart:
    """One controlled document: a standard specification or a site's local addendum."""

    title: str
    warning: bool  # the note says nothing approved can be shown
    facts: list[tuple[str, str]]  # document number, version, approval date, approver
    note: str  # why there is nothing approved to show, or that there are no items
    categories: list[SheetCategory] = field(default_factory=list)


@dataclass
class SheetSpecification:
    kind: str
    label: str
    clause: str
    columns: list[str]  # the labels of the item table's columns
    widths: list[float]  # their relative widths
    standard: SheetPart
    addendum: SheetPart | None = None


@dataclass
class SheetData:
    language: str
    organization: str
    organization_slug: str
    code: str
    name: str
    title: str
    subtitle: str
    generated: str
    facts: list[tuple[str, str]]
    specifications: list[SheetSpecification]
    labels: dict[str, str]
    site_code: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """Everything the sheet says (tests, search)."""
        parts = [self.organization, self.title, self.subtitle]
        parts += [f"{label}: {value}" for label, value in self.facts]
        for spec in self.specifications:
            parts.append(spec.label)
            for part in (spec.standard, spec.addendum):
                if part is None:
                    continue
                parts += [part.title, part.note]
                parts += [f"{label}: {value}" for label, value in part.facts]
                for category in part.categories:
                    parts += [category.label, category.not_applicable]
                    parts += [i.text for i in category.items]
        return "\n".join(p for p in parts if p)


def labels() -> dict[str, str]:
    return {
        "number": pgettext("item number", "No."),
        "requirement": _("Requirement"),
        # Translators: a label; the colon (":") and the reason follow it.
        "not_applicable": _("Not applicable"),
        "colon": colon(),
        "page_of": _("Page %(page)s of %(total)s"),
        "uncontrolled": _(
            "Printed or downloaded copies are uncontrolled: the approved versions in Fuwu "
            "are the ones in force."
        ),
    }


def column_labels(kind: str) -> list[str]:
    names = {
        "criterion": _("Criterion"),
        "reference": _("Reference"),
        "method": _("Method"),
        "frequency": _("Frequency"),
        "responsible": _("Who"),
    }
    shared = labels()
    return [shared["number"], shared["requirement"]] + [names[c] for c in EXTRA_COLUMNS[kind]]


# -- helpers ---------------------------------------------------------------------------


def colon() -> str:
    """A colon after a label: Chinese takes the full-width one (the catalog translates
    this string) and no space after it."""
    mark = _(":")
    return mark if mark == "\uff1a" else f"{mark} "


def joined(values: list[str]) -> str:
    return pgettext("list separator", ", ").join(v for v in values if v)


def day(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else EMPTY


def person(user: Any) -> str:
    return user.display_name if user is not None else EMPTY


# -- the header ------------------------------------------------------------------------


def owner_of(point: ContactPoint) -> str:
    parts = [point.get_owner_role_display() if point.owner_role else ""]
    if point.owner is not None:
        parts.append(point.owner.display_name)
    return joined(parts) or EMPTY


def sites_of(point: ContactPoint) -> str:
    if point.site is not None:
        return _("%(site)s (the site's own contact point)") % {"site": site_label(point.site)}
    deployed = [site_label(site) for site in point.sites.all()]
    return joined(deployed) or _("Not deployed at any site yet")


def site_label(site: Site) -> str:
    return f"{site.code} {site.name}".strip()


def header_facts(point: ContactPoint, site: Site | None) -> list[tuple[str, str]]:
    facts = [
        (_("Organization"), point.organization.name),
        (_("Contact point"), f"{point.code} {point.name}".strip()),
        (_("Stage"), str(point.get_stage_display())),
        (_("Channel"), str(point.get_channel_display())),
        (_("Manned or unmanned"), _("Manned") if point.manned else _("Unmanned")),
        (_("Deployed at"), sites_of(point)),
        (_("Owner"), owner_of(point)),
        (_("Status"), str(point.get_status_display())),
    ]
    if site is not None:
        # Translators: a label in the sheet's header, the site beside it (no colon).
        facts.append((_("Local addenda of"), site_label(site)))
    return facts


# -- the specifications ------------------------------------------------------------------


def approved_of(specification: Specification | None) -> DocumentVersion | None:
    """The approved version in force; None for a draft-only or withdrawn document."""
    if specification is None or specification.document is None:
        return None
    version = specification.document.current_version
    return version if version is not None and version.status == Status.APPROVED else None


def item_detail(item: SpecificationItem) -> str:
    """The characteristic (when not the category's own) and the indicator it serves."""
    parts = []
    characteristic = item.characteristic
    if characteristic is not None and characteristic.key != CATEGORY_CHARACTERISTIC.get(
        item.category
    ):
        parts.append(characteristic.name)
    if item.indicator is not None:
        parts.append(item.indicator.name)
    return " / ".join(parts)


def item_cells(item: SpecificationItem, kind: str) -> list[str]:
    values = {
        "criterion": item.criterion,
        "reference": item.reference,
        "method": item.method,
        "frequency": item.get_frequency_display() if item.frequency else "",
        "responsible": item.responsible,
    }
    return [values[column] or EMPTY for column in EXTRA_COLUMNS[kind]]


def categories_of(
    kind: str, items: list[SpecificationItem], *, all_categories: bool
) -> list[SheetCategory]:
    """The items in the kind's four categories (those with items only, for an addendum:
    it adds to the standard specification and need not cover every category)."""
    grouped = {
        key: SheetCategory(key, str(ItemCategory(key).label), CATEGORY_CLAUSES[key])
        for key in CATEGORIES[kind]
    }
    for item in sorted(items, key=lambda i: (i.order, i.pk)):
        category = grouped.get(item.category)
        if category is None:
            continue
        if not item.applies:
            category.not_applicable = item.text or EMPTY
            continue
        number = str(len(category.items) + 1)
        category.items.append(
            SheetItem(number, item.text, item_detail(item), item_cells(item, kind))
        )
    found = list(grouped.values())
    if all_categories:
        return found
    return [c for c in found if c.items or c.not_applicable]


def part_of(
    specification: Specification | None,
    title: str,
    items: dict[int, list[SpecificationItem]],
    *,
    addendum: bool,
) -> SheetPart:
    if specification is None:
        if addendum:
            return SheetPart(title, False, [], _("This site has no local addendum to it."))
        return SheetPart(
            title, True, [], _("Not approved yet: this specification has not been started.")
        )
    version = approved_of(specification)
    number = specification.document.number if specification.document else EMPTY
    if version is None:
        return SheetPart(title, True, [(_("Document number"), number)], _("Not approved yet."))
    facts = [
        (_("Document number"), number),
        (_("Version"), str(version.number)),
        (_("Approval date"), day(version.approved_at)),
        (_("Approved by"), person(version.approver)),
    ]
    categories = categories_of(
        specification.kind, items.get(version.pk, []), all_categories=not addendum
    )
    note = "" if categories else _("No local requirements.")
    return SheetPart(title, False, facts, note, categories)


def specifications_of(point: ContactPoint, site: Site | None, user: Any) -> list[Specification]:
    """The standard specifications, and with `site` that site's local addenda (one query)."""
    rows = Specification.objects.filter(contact_point=point)
    if user is not None:
        rows = Specification.objects.for_user(user, organization=point.organization).filter(
            contact_point=point
        )
    # The standard specifications, and that site's addenda (never another site's).
    wanted = (Q(local=False) | Q(local=True, site=site)) if site else Q(local=False)
    rows = rows.filter(wanted)
    return list(
        rows.select_related(
            "document", "document__current_version", "document__current_version__approver"
        )
    )


def specification_sections(
    point: ContactPoint, site: Site | None, user: Any
) -> list[SheetSpecification]:
    specifications = specifications_of(point, site, user)
    standard = {s.kind: s for s in specifications if not s.local}
    local = {s.kind: s for s in specifications if s.local}
    versions = [v.pk for v in map(approved_of, specifications) if v is not None]
    items = selectors.items_of_versions(versions) if versions else {}
    sections = []
    for kind in SpecificationKind.values:
        label = str(SpecificationKind(kind).label)
        section = SheetSpecification(
            kind=kind,
            label=label,
            clause=KIND_CLAUSES[kind],
            columns=column_labels(kind),
            widths=list(WIDTHS[kind]),
            standard=part_of(standard.get(kind), label, items, addendum=False),
        )
        if site is not None:
            title = _("Local addendum, %(site)s") % {"site": site_label(site)}
            section.addendum = part_of(local.get(kind), title, items, addendum=True)
        sections.append(section)
    return sections


# -- the sheet -------------------------------------------------------------------------------


def collect(point: ContactPoint, *, site: Site | None = None, user: Any = None) -> SheetData:
    """The sheet of `point` in the active language. `user`: whose view it is (only the
    specifications they may see); None for the whole organization's."""
    point = (
        ContactPoint.objects.select_related("organization", "owner", "site")
        .prefetch_related(selectors.deployed_sites(user))
        .get(pk=point.pk)
    )
    organization = point.organization
    language = "zh-hans" if (get_language() or "en").lower().startswith("zh") else "en"
    return SheetData(
        language=language,
        organization=organization.name,
        organization_slug=organization.slug,
        code=point.code,
        name=point.name,
        title=_("Specification sheet"),
        subtitle=f"{point.code} {point.name}".strip(),
        generated=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        facts=header_facts(point, site),
        specifications=specification_sections(point, site, user),
        labels=labels(),
        site_code=site.code if site is not None else "",
    )
