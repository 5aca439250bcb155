"""Demo data for service design: Lakeside Hotels' customer journey with most
specifications approved and two gaps on purpose (the follow-up's control
specification is missing; the web booking's provision specification waits in
review), a revision in progress, a site's local addendum, and Harbor Café's short
journey. The content is in lakeside.yaml and harbor.yaml; everything is written
through the services, stamped with the time it claims (core/clock.py).

Lakeside approved its specifications about thirteen months ago, so that a year of
inspections and measurements can follow them; the café began a few weeks ago."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.demo import days_ago as history_at
from fuwu.core.demo import seeder
from fuwu.core.models import Site
from fuwu.documents import services as documents
from fuwu.documents.checklists import checklist_for
from fuwu.documents.models import Status

from .. import services
from ..models import ContactActivity, Indicator, Specification, SpecificationKind
from .data import load

POINT_FIELDS = ("code", "name_en", "name_zh", "stage", "order", "channel", "manned")
POINT_FIELDS += ("description_en", "description_zh")
PAIRS = ("text", "criterion", "reference", "method", "responsible")
ITEM_FIELDS = ("category", "frequency", *(f"{n}_{lang}" for n in PAIRS for lang in ("en", "zh")))
# When Lakeside's first specification was approved (days before today), and how far
# apart the contact points' approvals follow each other.
LAKESIDE_APPROVED = 400
APPROVAL_STEP = 3


def _plan(organization: Any, actor: Any, plans: dict[str, Any]) -> None:
    for activity in ContactActivity.objects.filter(organization=organization):
        key = activity.standard_key
        if f"{key}_en" in plans:
            services.activity_update(
                actor=actor,
                activity=activity,
                data={
                    "description_en": plans[f"{key}_en"],
                    "description_zh": plans[f"{key}_zh"],
                },
            )


def _point(
    organization: Any, actor: Any, data: dict[str, Any], sites: list[Site], owner: Any = None
) -> Any:
    return services.contact_point_create(
        actor=actor,
        organization=organization,
        data={name: data[name] for name in POINT_FIELDS}
        | {
            "owner_role": data.get("owner_role", ""),
            "owner": owner,
            "status": data.get("status", "active"),
            "site": data.get("site"),
            "sites": sites,
        },
    )


def _write(
    spec: Specification, actor: Any, items: list[dict[str, Any]], indicators: dict[str, Any]
) -> None:
    for entry in items:
        if entry.get("not_applicable"):
            item = services.category_not_applicable(
                actor=actor, specification=spec, category=entry["category"], reason=entry["text_en"]
            )
            services.item_update(
                actor=actor,
                item=item,
                data={"text_en": entry["text_en"], "text_zh": entry["text_zh"]},
            )
            continue
        data = {name: entry[name] for name in ITEM_FIELDS if name in entry}
        if "indicator" in entry:
            data["indicator"] = indicators[entry["indicator"]]
        services.item_create(actor=actor, specification=spec, data=data)


def _approve(spec: Specification, author: Any, approver: Any, days_ago: int) -> None:
    version = spec.document.versions.get(status="draft")
    with clock.seeding_at(history_at(days_ago + 3, 10)):
        documents.version_submit(actor=author, version=version)
    with clock.seeding_at(history_at(days_ago)):
        documents.version_approve(
            actor=approver,
            version=version,
            confirmed=[item.key for item in checklist_for(spec.document)],
            approved_on=clock.real_today() - timedelta(days=days_ago),
        )


def _specify(point: Any, data: dict[str, Any], author: Any, approver: Any, days_ago: int) -> None:
    indicators = {i.name_en: i for i in Indicator.objects.filter(organization=point.organization)}
    for kind in SpecificationKind.values:
        items = data.get(kind)
        if not items:
            continue
        # Written two weeks before its approval.
        with clock.seeding_at(history_at(days_ago + 14, 9)):
            spec = services.specification_start(actor=author, point=point, kind=kind)
            _write(spec, author, items, indicators)
        if data.get("gap") == "provision_in_review" and kind == "provision":
            with clock.seeding_at(history_at(days_ago + 3, 10)):
                documents.version_submit(actor=author, version=spec.document.versions.get())
            continue
        if not data.get("draft"):
            _approve(spec, author, approver, days_ago)


@seeder(order=250, label=_("customer journeys and specifications"))
def service_design(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    # Lakeside mapped its journey a month before its first specification was approved.
    with clock.seeding_at(history_at(LAKESIDE_APPROVED + 30, 9)):
        lakeside(organizations["lakeside"], users, load("lakeside"))
    with clock.seeding_at(history_at(50, 9)):
        harbor(organizations["harbor-cafe"], users["cafe"], load("harbor"))


def lakeside(organization: Any, users: dict[str, Any], design: dict[str, Any]) -> None:
    quality, top, manager = users["quality"], users["demo"], users["manager"]
    _plan(organization, quality, design["activity_plans"])
    for activity in design["activities"]:
        services.activity_create(actor=quality, organization=organization, data=activity)
    sites = list(Site.objects.filter(organization=organization).order_by("code"))
    # A person owns each contact point: the site manager the ones run at the hotels,
    # the quality manager the chain's own (booking, follow-up).
    owners = {"site_manager": manager, "quality_manager": quality}
    for index, data in enumerate(design["contact_points"]):
        owner = owners.get(data.get("owner_role", ""))
        point = _point(organization, quality, data, sites, owner)
        approved = LAKESIDE_APPROVED - index * APPROVAL_STEP
        _specify(point, data, quality, top, days_ago=approved)
        # The yearly review the plan of 4.4.1 promises, a few days before it fell due.
        with clock.seeding_at(history_at(approved - 360, 15)):
            _reviewed(point, top)
        if data.get("revision"):
            with clock.seeding_at(history_at(10, 14)):
                _revise(point, quality, data["revision"])
        for code, items in data.get("local", {}).items():
            _local(point, code, items, manager, quality)
    for code, points in design["site_contact_points"].items():
        site = next(site for site in sites if site.code == code)
        with clock.seeding_at(history_at(15, 11)):
            for data in points:
                _point(organization, manager, data | {"site": site}, [site], manager)


def _reviewed(point: Any, reviewer: Any) -> None:
    for spec in Specification.objects.filter(contact_point=point, local=False):
        if spec.document.status == Status.APPROVED:
            documents.document_review_confirm(actor=reviewer, document=spec.document)


def _revise(point: Any, author: Any, revision: dict[str, Any]) -> None:
    """Version 2 of the room's service specification, in progress."""
    spec = Specification.objects.get(contact_point=point, kind="service", local=False)
    draft = documents.version_draft_create(actor=author, document=spec.document)
    services.item_create(actor=author, specification=spec, data=revision["item"])
    documents.version_update(
        actor=author,
        version=draft,
        data={
            "change_reason_en": revision["change_reason_en"],
            "change_reason_zh": revision["change_reason_zh"],
        },
    )


def _local(point: Any, code: str, items: list[dict[str, Any]], author: Any, approver: Any) -> None:
    site = Site.objects.get(organization=point.organization, code=code)
    with clock.seeding_at(history_at(30, 9)):
        spec = services.specification_start(actor=author, point=point, kind="service", site=site)
        _write(spec, author, items, {})
    _approve(spec, author, approver, days_ago=20)


def harbor(organization: Any, owner: Any, design: dict[str, Any]) -> None:
    _plan(organization, owner, design["activity_plans"])
    sites = list(Site.objects.filter(organization=organization))
    for data in design["contact_points"]:
        point = _point(organization, owner, data, sites, owner)
        _specify(point, data, owner, owner, days_ago=30)
