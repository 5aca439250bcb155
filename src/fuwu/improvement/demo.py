# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of improvement (autodiscovered by `fuwu demo`): a year of Lakeside's
nonconformities and actions, and two at Harbor Café, written through the services at
the times they claim (core/clock.py), in both languages (demo_data.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .demo_data import HARBOR, PREVENTIVE, SMALL, STORIES
from .services import actions as act
from .services import nonconformities as ncs

CORRECTED = ("Put right at once; the guest was apologised to.", "当即纠正并向客人致歉。")
CAFE_CORRECTED = ("Put right at once; the customer was apologised to.", "当即纠正并向顾客致歉。")


def _after(detected: datetime, days: int, hour: int = 10) -> datetime:
    return clock.on(detected.date() + timedelta(days=days), hour)


def _raise(
    organization: Any, actor: Any, site: Site, point: Any, story: dict, when: datetime
) -> Any:
    remedy = story.get("remedy", ("", ""))
    with clock.seeding_at(when + timedelta(minutes=20)):
        return ncs.raise_nonconformity(
            actor=actor,
            organization=organization,
            site=site,
            source="manual",
            contact_point=point,
            characteristic=story["characteristic"],
            severity=story["severity"],
            description_en=story["description"][0],
            description_zh=story["description"][1],
            immediate_remedy_en=remedy[0],
            immediate_remedy_zh=remedy[1],
            customer_informed=story.get("informed", bool(remedy[0])),
            customer_affected=True,
            detected_at=when,
        )


def _analyse_and_dispose(nc: Any, actor: Any, story: dict, when: datetime) -> None:
    whys = story.get("whys", ("", ""))
    with clock.seeding_at(when):
        ncs.nonconformity_analyse(
            actor=actor,
            nonconformity=nc,
            cause_category=story["cause"],
            whys_en=whys[0],
            whys_zh=whys[1],
            root_cause_en=story["root"][0],
            root_cause_zh=story["root"][1],
        )
    with clock.seeding_at(when + timedelta(hours=1)):
        ncs.nonconformity_dispose(
            actor=actor,
            nonconformity=nc,
            disposition_en=story["disposition"][0],
            disposition_zh=story["disposition"][1],
            customer_informed=story.get("informed", True),
        )


@seeder(order=300, label=_("nonconformities and actions"))
def improvement(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    lakeside(organizations["lakeside"], users)
    harbor(organizations["harbor-cafe"], users["cafe"])


def lakeside(organization: Any, users: dict[str, Any]) -> None:
    sites = {site.code: site for site in Site.objects.filter(organization=organization)}
    points = {p.code: p for p in ContactPoint.objects.filter(organization=organization)}
    quality = users["quality"]

    def local(site_code: str, west_lake: str) -> Any:
        # West Lake's own people act there; the quality manager at the other hotels.
        return users[west_lake] if site_code == "HZ01" else quality

    for story in STORIES:
        detected = days_ago(story["days_ago"], 15, 10)
        site = sites[story["site"]]
        point = points.get(story["point"]) if story["point"] else None
        nc = _raise(organization, local(story["site"], "staff"), site, point, story, detected)
        if "cause" not in story:
            continue  # still open: its disposition is due
        planner = local(story["site"], "manager")
        _analyse_and_dispose(nc, planner, story, _after(detected, 1, 9))
        for kind, owner, due, done, verifications, text in story["actions"]:
            _action(
                organization,
                planner,
                users[owner],
                nc,
                kind,
                detected,
                due,
                done,
                verifications,
                text,
                story,
                quality,
                users["demo"],
            )
        if "close_after" in story:
            with clock.seeding_at(_after(detected, story["close_after"], 16)):
                ncs.nonconformity_close(actor=quality, nonconformity=nc)
    for code, point_code, characteristic, cause, ago, en, zh in SMALL:
        detected = days_ago(ago, 11, 30)
        story = {
            "characteristic": characteristic,
            "severity": "minor",
            "description": (en, zh),
            "remedy": CORRECTED,
            "informed": True,
            "cause": cause,
            "root": (en, zh),
            "disposition": CORRECTED,
        }
        nc = _raise(
            organization,
            local(code, "staff"),
            sites[code],
            points.get(point_code or ""),
            story,
            detected,
        )
        _analyse_and_dispose(nc, local(code, "manager"), story, _after(detected, 1, 9))
        with clock.seeding_at(_after(detected, 3, 17)):
            ncs.nonconformity_close(actor=quality, nonconformity=nc)
    _preventive(organization, users)


def _action(
    organization: Any,
    planner: Any,
    owner: Any,
    nc: Any,
    kind: str,
    detected: datetime,
    due: int,
    done: int | None,
    verifications: list,
    text: tuple,
    story: dict,
    quality: Any,
    admin: Any,
) -> None:
    with clock.seeding_at(_after(detected, 1, 11)):
        action = act.action_plan(
            actor=planner,
            organization=organization,
            kind=kind,
            nonconformity=nc,
            owner=owner,
            due_on=detected.date() + timedelta(days=due),
            description_en=text[0],
            description_zh=text[1],
        )
    if done is None:
        return
    verifier = admin if owner == quality else quality
    with clock.seeding_at(_after(detected, done, 17)):
        act.action_complete(actor=owner, action=action, evidence_en=text[0], evidence_zh=text[1])
    for after, effective, evidence in verifications:
        with clock.seeding_at(_after(detected, after, 10)):
            act.action_verify(
                actor=verifier,
                action=action,
                effective=effective,
                evidence_en=evidence[0],
                evidence_zh=evidence[1],
                due_on=None if effective else detected.date() + timedelta(days=75),
            )
        if not effective:
            with clock.seeding_at(_after(detected, story["rework_done_after"], 17)):
                act.action_complete(
                    actor=owner,
                    action=action,
                    evidence_en="Procedure rewritten; night audit trained on it.",
                    evidence_zh="重写程序；对夜审进行了培训。",
                )


def _preventive(organization: Any, users: dict[str, Any]) -> None:
    p = PREVENTIVE
    started = days_ago(p["days_ago"], 10)
    site = Site.objects.get(organization=organization, code=p["site"])
    with clock.seeding_at(started):
        action = act.action_plan(
            actor=users["quality"],
            organization=organization,
            kind="preventive",
            origin=p["origin"],
            site=site,
            owner=users[p["owner"]],
            due_on=started.date() + timedelta(days=p["due_after"]),
            description_en=p["description"][0],
            description_zh=p["description"][1],
        )
    with clock.seeding_at(_after(started, p["completed_after"], 17)):
        act.action_complete(
            actor=users[p["owner"]],
            action=action,
            evidence_en=p["evidence"][0],
            evidence_zh=p["evidence"][1],
        )
    with clock.seeding_at(_after(started, p["verified_after"], 10)):
        act.action_verify(
            actor=users["quality"],
            action=action,
            effective=True,
            evidence_en=p["verification"][0],
            evidence_zh=p["verification"][1],
        )


def harbor(organization: Any, owner: Any) -> None:
    site = Site.objects.get(organization=organization)
    points = {p.code: p for p in ContactPoint.objects.filter(organization=organization)}
    for story in HARBOR:
        detected = days_ago(story["days_ago"], 12, 40)
        story = story | {"remedy": story.get("remedy", CAFE_CORRECTED)}
        nc = _raise(organization, owner, site, points.get(story["point"]), story, detected)
        _analyse_and_dispose(nc, owner, story, _after(detected, 1, 9))
        if story.get("close"):
            with clock.seeding_at(_after(detected, 2, 17)):
                ncs.nonconformity_close(actor=owner, nonconformity=nc)
        if "corrective" in story:
            with clock.seeding_at(_after(detected, 1, 11)):
                act.action_plan(
                    actor=owner,
                    organization=organization,
                    kind="corrective",
                    nonconformity=nc,
                    owner=owner,
                    due_on=detected.date() + timedelta(days=14),
                    description_en=story["corrective"][0],
                    description_zh=story["corrective"][1],
                )
