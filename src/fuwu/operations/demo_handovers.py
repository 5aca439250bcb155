# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of shift hand-over at Lakeside West Lake's front desk, written through the
services at the times they claim (core/clock.py), in both languages: two weeks of
afternoon hand-overs between Wang Fang and Zhao Min, each acknowledged minutes later —
but yesterday's, which nobody acknowledged and the worker flagged to the site manager.
The front desk's own requests of those weeks (logged in the morning, closed the next)
and the items it kept for guests go with the hand-overs of their days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .services import handovers as services
from .services import property as custody
from .services import requests as requests_services

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


# The front desk's requests: (days ago, English, Chinese, answer en, answer zh), each
# logged at 10:00, answered at once and closed the next morning.
DESK_REQUESTS: list[tuple[int, str, str, str, str]] = [
    (
        13,
        "Guest asked for an invoice in the company's name; accounts issue it tomorrow.",
        "客人要求开具公司抬头发票；财务明天开具。",
        "Invoice handed to the guest at breakfast.",
        "已在早餐时将发票交给客人。",
    ),
    (
        10,
        "Guest asked to move to a non-smoking floor tomorrow.",
        "客人要求明天调至无烟楼层。",
        "Moved to 1106 after breakfast.",
        "早餐后已调至1106房。",
    ),
    (
        7,
        "Guest asked for a cot in the room before 20:00.",
        "客人要求20:00前在房间加婴儿床。",
        "Cot set up at 18:30; the guest thanked us next morning.",
        "18:30已安装婴儿床；客人次日早上致谢。",
    ),
    (
        4,
        "Guest asked for two tickets for the West Lake evening show.",
        "客人要求代订两张西湖夜游演出票。",
        "Tickets bought and left at the desk for collection.",
        "门票已购好，放在前台待取。",
    ),
]
# Items kept at the front desk: (days ago, days kept, English, Chinese, kept at)
DESK_ITEMS: list[tuple[int, int, str, str, str]] = [
    (
        9,
        2,
        "Parcel left for a guest arriving on Friday",
        "留给周五到店客人的包裹",
        "Front desk cupboard",
    ),
    (
        3,
        1,
        "Flowers delivered for a guest's anniversary",
        "送给客人的纪念日鲜花",
        "Front desk, cool corner",
    ),
]


@seeder(order=334, label=gettext_lazy("shift hand-overs at the front desk"))
def shift_handovers(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    organization = organizations["lakeside"]
    site = Site.objects.get(organization=organization, code="HZ01")
    desk = ContactPoint.objects.filter(organization=organization, code="ARRIVAL").first()
    pair = (users["staff"], users["manager"])
    requests = {r[0]: r for r in DESK_REQUESTS}
    items = {i[0]: i for i in DESK_ITEMS}
    for days in range(DAYS, 0, -1):
        # What happened at the desk that day, open when the shift was handed over; its
        # end (closed, handed back) written after the hand-over, in time order.
        later = []
        if days in requests:
            later.append(_desk_request(organization, users["staff"], site, desk, requests[days]))
        if days in items:
            later.append(_desk_item(organization, users["staff"], site, desk, items[days]))
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
        else:
            with clock.seeding_at(when + timedelta(minutes=4 + days % 5)):
                services.handover_acknowledge(actor=incoming, handover=handover)
        for finish in later:
            finish()


def _desk_request(
    organization: Any, actor: Any, site: Site, desk: Any, story: tuple
) -> Callable[[], None]:
    days, en, zh, answer_en, answer_zh = story
    received = days_ago(days, 10)
    with clock.seeding_at(received + timedelta(minutes=2)):
        record = requests_services.request_log(
            actor=actor,
            organization=organization,
            kind="request",
            site=site,
            contact_point=desk,
            summary_en=en,
            summary_zh=zh,
            customer_told_at_once=True,
            received_at=received,
        )

    def close() -> None:
        with clock.seeding_at(days_ago(days - 1, 9)):
            requests_services.request_step(
                actor=actor, request=record, step="respond", text_en=answer_en, text_zh=answer_zh
            )
        with clock.seeding_at(days_ago(days - 1, 9, 5)):
            requests_services.request_close(actor=actor, request=record, confirmation="satisfied")

    return close


def _desk_item(
    organization: Any, actor: Any, site: Site, desk: Any, story: tuple
) -> Callable[[], None]:
    days, kept_for, en, zh, kept_at = story
    received = days_ago(days, 11)
    with clock.seeding_at(received + timedelta(minutes=3)):
        item = custody.property_receive(
            actor=actor,
            organization=organization,
            site=site,
            contact_point=desk,
            description_en=en,
            description_zh=zh,
            condition_en="No visible damage.",
            condition_zh="无明显损坏。",
            storage_location=kept_at,
            expected_return_on=received.date() + timedelta(days=kept_for),
            received_at=received,
        )
    back = days_ago(days - kept_for, 17)

    def hand_back() -> None:
        with clock.seeding_at(back + timedelta(minutes=1)):
            custody.property_return(
                actor=actor, item=item, returned_to="The guest, room card shown", returned_at=back
            )

    return hand_back
