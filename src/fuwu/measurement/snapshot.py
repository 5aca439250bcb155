"""What an inspection round checks: the inspection items of the approved control
specification of a contact point, plus the site's approved addendum.

`item_snapshot()` is the one place that reads a specification item's texts, so a
change of their shape (one field, or an English and a Chinese one) touches one
function. Everything else here reads only categories, frequencies and versions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from fuwu.core.models import Organization, Site
from fuwu.design.models import (
    ContactPoint,
    ContactPointStatus,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
)
from fuwu.documents.models import DocumentVersion, Status

TEXTS = ("criterion", "method", "responsible")


def _pair(item: SpecificationItem, name: str) -> tuple[str, str]:
    """(English, Chinese) of a text of the item, whether it is stored as a pair
    (`criterion_en`, `criterion_zh`) or as one field (then it counts as English,
    and the Chinese reader falls back to it)."""
    if hasattr(item, f"{name}_en"):
        return getattr(item, f"{name}_en") or "", getattr(item, f"{name}_zh", "") or ""
    return getattr(item, name, "") or "", ""


def item_snapshot(item: SpecificationItem, *, from_addendum: bool = False) -> dict[str, Any]:
    """The fields an inspection result copies from a specification item."""
    data: dict[str, Any] = {
        "source_item_id": item.pk,
        "from_addendum": from_addendum,
        "text_en": item.text_en,
        "text_zh": item.text_zh,
        "frequency": item.frequency,
        "characteristic": item.characteristic.key if item.characteristic_id else "",
    }
    for name in TEXTS:
        data[f"{name}_en"], data[f"{name}_zh"] = _pair(item, name)
    return data


@dataclass
class ControlPlan:
    """The inspection plan of one contact point at one site, as approved now."""

    point: ContactPoint
    site: Site
    version: DocumentVersion
    addendum: DocumentVersion | None = None
    inspection: list[tuple[SpecificationItem, bool]] = field(default_factory=list)
    reaction: list[SpecificationItem] = field(default_factory=list)

    def frequencies(self) -> list[str]:
        seen: list[str] = []
        for item, _local in self.inspection:
            if item.frequency and item.frequency not in seen:
                seen.append(item.frequency)
        return seen

    def items_for(self, frequency: str = "") -> list[tuple[SpecificationItem, bool]]:
        """The items a round of this frequency checks (all of them for an
        unscheduled round)."""
        if not frequency:
            return list(self.inspection)
        return [(i, local) for i, local in self.inspection if i.frequency == frequency]

    def reaction_texts(self) -> tuple[str, str]:
        return (
            "\n".join(i.text_en for i in self.reaction if i.text_en),
            "\n".join(i.text_zh for i in self.reaction if i.text_zh),
        )


def _approved(spec: Specification) -> DocumentVersion | None:
    document = spec.document
    if document is None or document.status != Status.APPROVED:
        return None
    return document.current_version


def control_plans(
    organization: Organization,
    *,
    points: Iterable[int] | None = None,
    sites: Iterable[int] | None = None,
) -> dict[tuple[int, int], ControlPlan]:
    """Every (contact point, site) with an approved control specification: four
    queries whatever the number of points and sites."""
    specs = Specification.objects.filter(
        organization=organization,
        kind=SpecificationKind.CONTROL,
        contact_point__status=ContactPointStatus.ACTIVE,
    ).select_related("document", "document__current_version", "contact_point")
    if points is not None:
        specs = specs.filter(contact_point_id__in=list(points))
    standard: dict[int, tuple[Specification, DocumentVersion]] = {}
    local: dict[tuple[int, int], DocumentVersion] = {}
    for spec in specs:
        version = _approved(spec)
        if version is None:
            continue
        if spec.local:
            local[(spec.contact_point_id, spec.site_id)] = version
        else:
            standard[spec.contact_point_id] = (spec, version)
    versions = [v.pk for _s, v in standard.values()] + [v.pk for v in local.values()]
    items: dict[int, list[SpecificationItem]] = {}
    rows = (
        SpecificationItem.objects.filter(
            version_id__in=versions,
            applies=True,
            category__in=[ItemCategory.INSPECTION, ItemCategory.NONCONFORMITY],
        )
        .select_related("characteristic")
        .order_by("category", "order", "pk")
    )
    for item in rows:
        items.setdefault(item.version_id, []).append(item)
    deployed = ContactPoint.sites.through.objects.filter(contactpoint_id__in=list(standard))
    where: dict[int, set[int]] = {}
    for row in deployed:
        where.setdefault(row.contactpoint_id, set()).add(row.site_id)
    for spec, _v in standard.values():
        if spec.contact_point.site_id:
            where.setdefault(spec.contact_point_id, set()).add(spec.contact_point.site_id)
    site_filter = Q(organization=organization, is_active=True)
    if sites is not None:
        site_filter &= Q(pk__in=list(sites))
    site_rows = {s.pk: s for s in Site.objects.filter(site_filter)}
    plans: dict[tuple[int, int], ControlPlan] = {}
    for point_id, (spec, version) in standard.items():
        for site_id in sorted(where.get(point_id, ())):
            site = site_rows.get(site_id)
            if site is None:
                continue
            addendum = local.get((point_id, site_id))
            plan = ControlPlan(spec.contact_point, site, version, addendum)
            for version_id, from_addendum in (
                (version.pk, False),
                (getattr(addendum, "pk", None), True),
            ):
                for item in items.get(version_id, []) if version_id else []:
                    if item.category == ItemCategory.INSPECTION:
                        plan.inspection.append((item, from_addendum))
                    else:
                        plan.reaction.append(item)
            if plan.inspection:
                plans[(point_id, site_id)] = plan
    return plans


def control_plan(point: ContactPoint, site: Site) -> ControlPlan | None:
    return control_plans(point.organization, points=[point.pk], sites=[site.pk]).get(
        (point.pk, site.pk)
    )
