# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of customer communication and customer property at Lakeside, written
through the services at the times they claim (core/clock.py), in both languages: a
month of communications at every staffed contact point, items in custody (one
overdue for return), items handed back, and the lost luggage of March, reported to
its owner, with its nonconformity."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext_lazy

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .services import communications as comms
from .services import property as custody

# (point, purpose, channel, English, Chinese, minutes to the answer for an enquiry)
EXCHANGES: list[tuple[str, str, str, str, str, int | None]] = [
    (
        "RES-TEL",
        "respond",
        "phone",
        "Asked whether the room rate includes breakfast for two children; told that "
        "children under 12 breakfast free.",
        "询问房价是否含两名儿童早餐；告知12岁以下儿童免费用早餐。",
        4,
    ),
    (
        "RES-TEL",
        "inform",
        "phone",
        "Told the guest booking for the weekend that the pool is closed for maintenance "
        "on Saturday morning.",
        "告知预订周末的客人：周六上午泳池维护关闭。",
        None,
    ),
    (
        "ARRIVAL",
        "guide",
        "in_person",
        "Showed a guest how to use the room key card in the lift and where the breakfast room is.",
        "向客人演示电梯刷房卡的方法，并指明早餐厅位置。",
        None,
    ),
    (
        "ARRIVAL",
        "respond",
        "in_person",
        "Asked for a taxi to the high-speed railway station at 6 a.m.; booked and "
        "confirmed to the guest.",
        "客人要求早上6点叫车去高铁站；已预约并向客人确认。",
        12,
    ),
    (
        "LUGGAGE",
        "inform",
        "in_person",
        "Explained the luggage storage rules: kept up to 7 days, claim with the tag, "
        "valuables not accepted.",
        "说明行李寄存规定：最长寄存7天，凭寄存牌领取，不接受贵重物品。",
        None,
    ),
    (
        "ROOM",
        "guide",
        "in_person",
        "Showed the guest how to set the air conditioning and the blackout curtains.",
        "向客人演示空调和遮光窗帘的使用方法。",
        None,
    ),
    (
        "ROOM",
        "respond",
        "phone",
        "Asked by room phone for an extra pillow and a hypoallergenic duvet; the answer "
        "given and both delivered.",
        "客人通过客房电话要求加一个枕头和防过敏被；已答复并送到。",
        9,
    ),
    (
        "RESTAURANT",
        "inform",
        "in_person",
        "Told the table that the set menu contains peanuts and offered the alternative.",
        "告知客人套餐含花生，并提供替代菜品。",
        None,
    ),
    (
        "RESTAURANT",
        "opinion",
        "in_person",
        "Asked the guests for their opinion of the new breakfast noodles station.",
        "请客人对新开设的早餐面档提出意见。",
        None,
    ),
    (
        "CHECKOUT",
        "opinion",
        "in_person",
        "Asked the departing guest what would make their next stay better.",
        "询问退房客人下次入住有何可改进之处。",
        None,
    ),
    (
        "CHECKOUT",
        "respond",
        "in_person",
        "Asked why the minibar was charged; the charge explained with the consumption record.",
        "询问迷你吧收费原因；已凭消费记录解释。",
        6,
    ),
    (
        "FOLLOW-UP",
        "opinion",
        "message",
        "Sent the post-stay message asking for suggestions.",
        "发送离店后信息征求建议。",
        None,
    ),
    (
        "FOLLOW-UP",
        "respond",
        "email",
        "Asked by e-mail for a copy of the invoice; the invoice sent.",
        "客人通过电子邮件索要发票副本；已发送。",
        45,
    ),
]

SITE_PLAN = ("HZ01", "SZ01", "WX01")


def _march_day() -> date:
    today = clock.real_today()
    year = today.year if today.month > 3 else today.year - 1
    return date(year, 3, 14)


@seeder(order=332, label=gettext_lazy("customer communication and property in custody"))
def communication_and_property(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    organization = organizations["lakeside"]
    sites = {site.code: site for site in Site.objects.filter(organization=organization)}
    points = {p.code: p for p in ContactPoint.objects.filter(organization=organization)}
    _communications(organization, users, sites, points)
    _property(organization, users, sites, points)


def _actor(users: dict[str, Any], site_code: str) -> Any:
    # West Lake's own staff log there; the quality manager at the other hotels.
    return users["staff"] if site_code == "HZ01" else users["quality"]


def _communications(
    organization: Any, users: dict[str, Any], sites: dict[str, Site], points: dict[str, Any]
) -> None:
    n = 0
    for days in range(30, 0, -1):
        for slot in range(2):
            point, purpose, channel, en, zh, minutes = EXCHANGES[n % len(EXCHANGES)]
            site_code = SITE_PLAN[(n // len(EXCHANGES) + slot) % len(SITE_PLAN)]
            n += 1
            when = days_ago(days, 9 + 5 * slot, (n * 7) % 60)
            answered = when + timedelta(minutes=minutes) if minutes is not None else None
            with clock.seeding_at((answered or when) + timedelta(minutes=2)):
                comms.communication_log(
                    actor=_actor(users, site_code),
                    organization=organization,
                    purpose=purpose,
                    channel=channel,
                    site=sites[site_code],
                    contact_point=points.get(point),
                    occurred_at=when,
                    answered_at=answered,
                    summary_en=en,
                    summary_zh=zh,
                    customer_reference="Booking LK-58213" if n % 9 == 0 else "",
                    consent=n % 9 == 0,
                )


# (site, days ago received, days until expected back, English, Chinese, condition en/zh,
#  kept at, returned after days (None: still in custody))
ITEMS: list[tuple[str, int, int, str, str, str, str, str, int | None]] = [
    (
        "HZ01",
        40,
        1,
        "Black hard-shell suitcase, 28 inch",
        "黑色硬壳行李箱，28寸",
        "Scratches on the front; wheels intact.",
        "正面有划痕；轮子完好。",
        "Luggage room A, shelf 3",
        1,
    ),
    (
        "HZ01",
        12,
        2,
        "Golf bag with 12 clubs",
        "高尔夫球包，内有12支球杆",
        "No visible damage; rain cover on.",
        "无明显损坏；已套防雨罩。",
        "Luggage room A, floor rack",
        2,
    ),
    (
        "HZ01",
        2,
        3,
        "Two cardboard boxes of tea, taped",
        "两箱茶叶纸箱，已封胶带",
        "Boxes sealed, one corner dented.",
        "纸箱密封，一角压痕。",
        "Luggage room A, shelf 1",
        None,
    ),
    (
        "HZ01",
        1,
        1,
        "Child's stroller, folded, blue",
        "儿童推车，已折叠，蓝色",
        "No visible damage.",
        "无明显损坏。",
        "Luggage room B",
        None,
    ),
    (
        "SZ01",
        9,
        4,
        "Grey wool coat left at the restaurant",
        "遗留在餐厅的灰色羊毛大衣",
        "Good condition; a button missing.",
        "状态良好；缺一粒纽扣。",
        "Front office safe cupboard",
        None,
    ),
    (
        "WX01",
        20,
        1,
        "Bicycle, silver, with lock",
        "银色自行车，带锁",
        "Front mudguard bent.",
        "前挡泥板弯曲。",
        "Bicycle shed, bay 2",
        1,
    ),
]


def _property(
    organization: Any, users: dict[str, Any], sites: dict[str, Site], points: dict[str, Any]
) -> None:
    luggage = points.get("LUGGAGE")
    for site_code, ago, back_in, en, zh, cond_en, cond_zh, kept, returned in ITEMS:
        actor = _actor(users, site_code)
        received = days_ago(ago, 15, 20)
        with clock.seeding_at(received + timedelta(minutes=3)):
            item = custody.property_receive(
                actor=actor,
                organization=organization,
                site=sites[site_code],
                contact_point=luggage if site_code == "HZ01" else None,
                description_en=en,
                description_zh=zh,
                condition_en=cond_en,
                condition_zh=cond_zh,
                storage_location=kept,
                expected_return_on=received.date() + timedelta(days=back_in),
                owner_name="Ms Liu" if site_code == "HZ01" else "",
                owner_contact="138 0013 8000" if site_code == "HZ01" else "",
                consent=site_code == "HZ01",
                consent_purpose="To hand the item back" if site_code == "HZ01" else "",
                received_at=received,
            )
        if returned is not None:
            back = days_ago(ago - returned, 10, 5)
            with clock.seeding_at(back + timedelta(minutes=1)):
                custody.property_return(
                    actor=actor, item=item, returned_to="The owner, tag shown", returned_at=back
                )
            if item.has_identity:
                with clock.seeding_at(back + timedelta(minutes=2)):
                    custody.property_erase_identity(actor=users["manager"], item=item)
    _lost_luggage(organization, users, sites, luggage)
    with clock.seeding_at(days_ago(0, 6)):
        custody.property_flag_overdue(organization=organization)


def _lost_luggage(organization: Any, users: dict[str, Any], sites: dict[str, Site], point: Any):
    """March: a guest's bag handed to the wrong guest from the luggage room; the guest
    was phoned within the hour; a nonconformity raised."""
    day = _march_day()
    received = clock.on(day, 11, 40)
    with clock.seeding_at(received + timedelta(minutes=2)):
        item = custody.property_receive(
            actor=users["staff"],
            organization=organization,
            site=sites["HZ01"],
            contact_point=point,
            description_en="Brown leather holdall with a red ribbon on the handle",
            description_zh="棕色皮质旅行包，提手系红丝带",
            condition_en="Good condition; zip works.",
            condition_zh="状态良好；拉链完好。",
            storage_location="Luggage room A, shelf 2",
            expected_return_on=day,
            owner_name="Mr Harris",
            owner_contact="+44 7700 900123",
            consent=True,
            consent_purpose="To hand the bag back and to tell him what happened",
            received_at=received,
        )
    found = clock.on(day, 17, 30)
    told = clock.on(day, 18, 5)
    with clock.seeding_at(told + timedelta(minutes=5)):
        custody.property_report(
            actor=users["staff"],
            item=item,
            kind="lost",
            incident_en="At collection the bag was not on its shelf: handed out by mistake "
            "against a similar tag to a departing guest.",
            incident_zh="领取时行李不在货架上：因寄存牌相似被误交给一位离店客人。",
            found_at=found,
            customer_informed_at=told,
            customer_informed_how="phone",
        )
