"""Demo data for service design (autodiscovered by `fuwu demo`): Lakeside Hotels'
customer journey with most specifications approved and two gaps on purpose (the
follow-up's control specification is missing; the web booking's provision
specification waits in review), a revision in progress, a site's local addendum,
and Harbor Café's short journey. Everything goes through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fuwu.core import clock
from fuwu.core.demo import days_ago as history_at
from fuwu.core.demo import seeder
from fuwu.core.models import Site
from fuwu.documents import services as documents
from fuwu.documents.checklists import checklist_for

from . import services
from .demo_data import CAFE_PLANS, HARBOR, LAKESIDE, LAKESIDE_PLANS, WEST_LAKE_PIER
from .models import ContactActivity, Indicator, Specification, SpecificationKind

EXTRA = ("criterion", "reference", "method", "frequency", "responsible")


def _plan(organization: Any, actor: Any, plans: dict[str, str]) -> None:
    for activity in ContactActivity.objects.filter(organization=organization):
        if activity.standard_key in plans:
            services.activity_update(
                actor=actor,
                activity=activity,
                data={"description_en": plans[activity.standard_key]},
            )


def _point(
    organization: Any, actor: Any, data: dict[str, Any], sites: list[Site], owner: Any = None
) -> Any:
    fields = ("code", "name_en", "name_zh", "stage", "order", "channel", "manned", "description")
    return services.contact_point_create(
        actor=actor,
        organization=organization,
        data={name: data[name] for name in fields if name != "description"}
        | {"description_en": data["description"]}
        | {
            "owner_role": data.get("owner_role", ""),
            "owner": owner,
            "status": data.get("status", "active"),
            "site": data.get("site"),
            "sites": sites,
        },
    )


def _write(spec: Specification, actor: Any, items: list[tuple], indicators: dict[str, Any]) -> None:
    for category, english, chinese, extra in items:
        if extra.get("not_applicable"):
            item = services.category_not_applicable(
                actor=actor, specification=spec, category=category, reason=english
            )
            services.item_update(
                actor=actor, item=item, data={"text_en": english, "text_zh": chinese}
            )
            continue
        data = {"category": category, "text_en": english, "text_zh": chinese}
        data |= {
            name if name == "frequency" else f"{name}_en": extra[name]
            for name in EXTRA
            if name in extra
        }
        if "indicator" in extra:
            data["indicator"] = indicators[extra["indicator"]]
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
        # Written two weeks before its approval (the demo's times, core/clock.py).
        with clock.seeding_at(history_at(days_ago + 14, 9)):
            spec = services.specification_start(actor=author, point=point, kind=kind)
            _write(spec, author, items, indicators)
        if data.get("gap") == "provision_in_review" and kind == "provision":
            with clock.seeding_at(history_at(days_ago + 3, 10)):
                documents.version_submit(actor=author, version=spec.document.versions.get())
            continue
        if not data.get("draft"):
            _approve(spec, author, approver, days_ago)


@seeder(order=250)
def service_design(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    # The journey was mapped a month before the first specification was approved.
    with clock.seeding_at(history_at(120, 9)):
        lakeside(organizations["lakeside"], users)
    with clock.seeding_at(history_at(50, 9)):
        harbor(organizations["harbor-cafe"], users["cafe"])


def lakeside(organization: Any, users: dict[str, Any]) -> None:
    quality, top, manager = users["quality"], users["demo"], users["manager"]
    _plan(organization, quality, LAKESIDE_PLANS)
    services.activity_create(
        actor=quality,
        organization=organization,
        data={
            "stage": "before",
            "name_en": "Pre-arrival message",
            "name_zh": "抵店前信息",
            "description_en": "Three days before arrival: directions, parking and an offer to "
            "book the restaurant.",
        },
    )
    sites = list(Site.objects.filter(organization=organization).order_by("code"))
    # A person owns each contact point: the site manager the ones run at the hotels,
    # the quality manager the chain's own (booking, follow-up).
    owners = {"site_manager": manager, "quality_manager": quality}
    for index, data in enumerate(LAKESIDE):
        owner = owners.get(data.get("owner_role", ""))
        point = _point(organization, quality, data, sites, owner)
        _specify(point, data, quality, top, days_ago=90 - index * 7)
        if data.get("revision"):
            with clock.seeding_at(history_at(10, 14)):
                _revise(point, quality)
        for code, items in data.get("local", {}).items():
            _local(point, code, items, manager, quality)
    west_lake = next(site for site in sites if site.code == "HZ01")
    with clock.seeding_at(history_at(15, 11)):
        _point(organization, manager, WEST_LAKE_PIER | {"site": west_lake}, [west_lake], manager)


def _revise(point: Any, author: Any) -> None:
    """Version 2 of the room's service specification, in progress."""
    spec = Specification.objects.get(contact_point=point, kind="service", local=False)
    draft = documents.version_draft_create(actor=author, document=spec.document)
    services.item_create(
        actor=author,
        specification=spec,
        data={
            "category": "procedure",
            "text_en": "Offer a second turn-down for guests staying three nights or more",
            "text_zh": "连住三晚及以上的客人提供第二次开夜床服务",
        },
    )
    documents.version_update(
        actor=author,
        version=draft,
        data={"change_reason_en": "Guests of long stays asked for more evening service."},
    )


def _local(point: Any, code: str, items: list[tuple], author: Any, approver: Any) -> None:
    site = Site.objects.get(organization=point.organization, code=code)
    with clock.seeding_at(history_at(30, 9)):
        spec = services.specification_start(actor=author, point=point, kind="service", site=site)
        _write(spec, author, items, {})
    _approve(spec, author, approver, days_ago=20)


def harbor(organization: Any, owner: Any) -> None:
    _plan(organization, owner, CAFE_PLANS)
    sites = list(Site.objects.filter(organization=organization))
    for data in HARBOR:
        point = _point(organization, owner, data, sites, owner)
        if data["code"] == "MINI":
            spec = services.specification_start(actor=owner, point=point, kind="service")
            _write(
                spec,
                owner,
                [("scope", "Order ahead and pay", "提前点单和支付", {})],
                {},
            )
        _specify(point, data, owner, owner, days_ago=30)
