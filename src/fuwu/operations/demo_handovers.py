# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of shift hand-over at Lakeside West Lake's front desk, written through the
services at the times they claim (core/clock.py), in both languages: two weeks of
afternoon hand-overs between Wang Fang and Zhao Min, each acknowledged minutes later —
but yesterday's, which nobody acknowledged and the worker flagged to the site manager."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .services import handovers as services

DAYS = 14
# The outgoing person's notes, one a day (English, Chinese).
NOTES: list[tuple[str, str]] = [
    (
        "Room 512 asked for a late check-out at 14:00; agreed, the system is updated.",
        "512房客人要求延迟至14:00退房；已同意，系统已更新。",
    ),
    (
        "Tour group of 24 arrives at 18:00; keys are prepared in envelopes in drawer 2.",
        "24人旅行团18:00到店；房卡已装信封放在2号抽屉。",
    ),
    (
        "Card machine 2 is slow; use machine 1 until the engineer comes tomorrow.",
        "2号刷卡机反应慢；工程师明天来之前请用1号机。",
    ),
    (
        "Call back Ms Chen about the airport transfer before 20:00.",
        "20:00前回电陈女士确认接机安排。",
    ),
    (
        "A guest in 308 complained of noise from the bar; the duty manager knows. "
        "Offer a quieter room if they ask again.",
        "308房客人投诉酒吧噪音；值班经理已知悉。如再提出，可调至安静房间。",
    ),
    ("Nothing unusual; the float is counted and signed.", "无异常；备用金已清点签字。"),
    (
        "Lost-and-found: a child's hat handed in at the lobby, in the safe cupboard.",
        "失物招领：大堂拾到一顶儿童帽，放在保险柜。",
    ),
]


@seeder(order=334, label=gettext_lazy("shift hand-overs at the front desk"))
def shift_handovers(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    organization = organizations["lakeside"]
    site = Site.objects.get(organization=organization, code="HZ01")
    desk = ContactPoint.objects.filter(organization=organization, code="ARRIVAL").first()
    pair = (users["staff"], users["manager"])
    for days in range(DAYS, 0, -1):
        outgoing, incoming = pair if days % 2 == 0 else pair[::-1]
        if days == 1:
            outgoing = users["staff"]
        en, zh = NOTES[days % len(NOTES)]
        when = days_ago(days, 15, days % 7)
        with clock.seeding_at(when):
            handover = services.handover_create(
                actor=outgoing,
                organization=organization,
                site=site,
                contact_point=desk,
                notes_en=en,
                notes_zh=zh,
            )
        if days == 1:
            # Yesterday nobody acknowledged it: the worker flags it to the site manager.
            with clock.seeding_at(when + timedelta(hours=2, minutes=15)):
                services.handovers_flag_unacknowledged(organization=organization)
            continue
        with clock.seeding_at(when + timedelta(minutes=4 + days % 5)):
            services.handover_acknowledge(actor=incoming, handover=handover)
