"""Reads of service design that pages, the API, checks, the blueprint and the
service manual share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from fuwu.core.models import Organization, Site
from fuwu.core.permissions import can
from fuwu.documents.models import DocumentVersion, Status

from .models import (
    CATEGORIES,
    Characteristic,
    ContactActivity,
    ContactPoint,
    ContactPointStatus,
    Indicator,
    Specification,
    SpecificationItem,
    SpecificationKind,
    Stage,
)

KINDS = tuple(SpecificationKind.values)


def characteristics_of(
    organization: Organization, *, active_only: bool = False
) -> list[Characteristic]:
    """The organization's eight characteristics with their indicators (two queries)."""
    indicators = Indicator.objects.order_by("order", "pk")
    if active_only:
        indicators = indicators.filter(is_active=True)
    return list(
        Characteristic.objects.filter(organization=organization)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
    )


def activities_by_stage(
    organization: Organization, *, active_only: bool = False
) -> dict[str, list[ContactActivity]]:
    rows = ContactActivity.objects.filter(organization=organization).order_by("order", "pk")
    if active_only:
        rows = rows.filter(is_active=True)
    grouped: dict[str, list[ContactActivity]] = {stage: [] for stage in Stage.values}
    for activity in rows:
        grouped[activity.stage].append(activity)
    return grouped


def deployed_sites(user: Any = None) -> Prefetch | str:
    """The prefetch of a contact point's `sites`: only those this person may see (a
    site manager is not told where else a point is deployed); all without `user`."""
    if user is None:
        return "sites"
    return Prefetch("sites", queryset=Site.objects.for_user(user).order_by("code"))


def journey(
    organization: Organization,
    *,
    site: Site | None = None,
    statuses: Iterable[str] = (ContactPointStatus.ACTIVE, ContactPointStatus.PLANNED),
    user: Any = None,
) -> list[ContactPoint]:
    """The contact points in the customer's order: by stage, then their order in
    the journey. With `site`: those deployed there (or the site's own)."""
    points = ContactPoint.objects.filter(organization=organization, status__in=list(statuses))
    if user is not None:
        points = ContactPoint.objects.for_user(user, organization=organization).filter(
            status__in=list(statuses)
        )
    if site is not None:
        points = points.filter(Q(sites=site) | Q(site=site)).distinct()
    rows = list(points.select_related("owner", "site").prefetch_related(deployed_sites(user)))
    stage_rank = {stage: index for index, stage in enumerate(Stage.values)}
    return sorted(rows, key=lambda p: (stage_rank[p.stage], p.order, p.code))


# -- specifications -------------------------------------------------------------------


def specifications_of(point: ContactPoint, user: Any = None) -> list[Specification]:
    rows = Specification.objects.filter(contact_point=point)
    if user is not None:
        rows = Specification.objects.for_user(user, organization=point.organization).filter(
            contact_point=point
        )
    return list(
        rows.select_related("document", "document__current_version", "site").order_by(
            "kind", "local", "site__code"
        )
    )


def standard_specification(point: ContactPoint, kind: str) -> Specification | None:
    return (
        Specification.objects.filter(contact_point=point, kind=kind, local=False)
        .select_related("document", "document__current_version")
        .first()
    )


def open_version(specification: Specification) -> DocumentVersion | None:
    if specification.document_id is None:
        return None
    return (
        DocumentVersion.objects.filter(
            document_id=specification.document_id, status__in=[Status.DRAFT, Status.IN_REVIEW]
        )
        .select_related("document")
        .first()
    )


def approved_version(specification: Specification) -> DocumentVersion | None:
    document = specification.document
    return document.current_version if document is not None else None


def may_see_drafts(user: Any, organization: Organization) -> bool:
    return can(user, organization, "documents.view_drafts")


def versions_to_show(
    specification: Specification, user: Any
) -> tuple[DocumentVersion | None, DocumentVersion | None]:
    """(approved version, open version) as this person may see them: staff and
    viewers see the approved version only."""
    approved = approved_version(specification)
    opened = (
        open_version(specification) if may_see_drafts(user, specification.organization) else None
    )
    return approved, opened


@dataclass
class CategoryItems:
    category: str
    label: str
    items: list[SpecificationItem] = field(default_factory=list)

    @property
    def not_applicable(self) -> SpecificationItem | None:
        return next((item for item in self.items if not item.applies), None)

    @property
    def covered(self) -> bool:
        return bool(self.items)


def items_by_category(
    specification: Specification, version: DocumentVersion | None
) -> list[CategoryItems]:
    """The items of one version, in the four categories of the specification
    (each listed, even when empty)."""
    from .models import ItemCategory

    grouped = {
        category: CategoryItems(category, str(ItemCategory(category).label))
        for category in CATEGORIES[specification.kind]
    }
    if version is not None:
        rows = (
            SpecificationItem.objects.filter(version=version, specification=specification)
            .select_related("characteristic", "indicator")
            .order_by("order", "pk")
        )
        for item in rows:
            if item.category in grouped:
                grouped[item.category].items.append(item)
    return list(grouped.values())


def items_of_versions(versions: Iterable[int]) -> dict[int, list[SpecificationItem]]:
    """Items of many versions at once, by version id (one query)."""
    grouped: dict[int, list[SpecificationItem]] = {}
    rows = (
        SpecificationItem.objects.filter(version_id__in=list(versions))
        .select_related("characteristic", "indicator")
        .order_by("category", "order", "pk")
    )
    for item in rows:
        grouped.setdefault(item.version_id, []).append(item)
    return grouped


def has_items(version: DocumentVersion) -> bool:
    return SpecificationItem.objects.filter(version=version).exists()


def specification_of_document(document: Any) -> Specification | None:
    return Specification.objects.filter(document=document).select_related("contact_point").first()


def standard_specifications(organization: Organization) -> QuerySet[Specification]:
    """The standard (not local) specifications of the organization, with their documents."""
    return Specification.objects.filter(organization=organization, local=False).select_related(
        "document", "document__current_version", "contact_point"
    )


# -- the home page's cards: each a fixed number of queries ---------------------------


@dataclass
class PointInForce:
    """A contact point deployed at the reader's sites, with its specifications in force."""

    point: ContactPoint
    specifications: list[Specification] = field(default_factory=list)


def in_force_at(
    user: Any, organization: Organization, site_ids: set[int] | None, limit: int = 10
) -> tuple[int, list[PointInForce]]:
    """The active contact points at these sites (None: all), in journey order, each
    with the specifications in force there: what staff there must do (three queries)."""
    points = ContactPoint.objects.for_user(user, organization=organization).filter(
        status=ContactPointStatus.ACTIVE
    )
    if site_ids is not None:
        points = points.filter(Q(sites__in=site_ids) | Q(site__in=site_ids))
    stage_rank = {stage: index for index, stage in enumerate(Stage.values)}
    rows = sorted(
        points.distinct().only("pk", "code", "name_en", "name_zh", "stage", "order"),
        key=lambda p: (stage_rank[p.stage], p.order, p.code),
    )
    shown = {p.pk: PointInForce(p) for p in rows[:limit]}
    specifications = (
        Specification.objects.for_user(user, organization=organization)
        .filter(contact_point_id__in=list(shown), document__status=Status.APPROVED)
        .select_related("document", "site")
    )
    if site_ids is not None:
        specifications = specifications.filter(Q(local=False) | Q(site__in=site_ids))
    # Service, provision, control: the standard's order, each followed by its addenda.
    for specification in sorted(
        specifications,
        key=lambda s: (KINDS.index(s.kind), s.local, s.site.code if s.site else ""),
    ):
        shown[specification.contact_point_id].specifications.append(specification)
    return len(rows), list(shown.values())


def specifications_waiting(user: Any, organization: Organization) -> QuerySet[Specification]:
    """Specifications of active contact points with no version in force yet, that
    this person may work on (a site-scoped person: their sites' own ones)."""
    from fuwu.core.permissions import unscoped

    rows = (
        Specification.objects.for_user(user, organization=organization)
        .filter(contact_point__status=ContactPointStatus.ACTIVE)
        .exclude(document__status=Status.APPROVED)
    )
    if not unscoped(user, organization):
        rows = rows.filter(site__isnull=False)
    return rows.select_related("contact_point", "document", "site").order_by(
        "contact_point__code", "kind", "site__code"
    )
