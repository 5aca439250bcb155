# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo of customer requirements and service commitments at Lakeside (4.4.2, 4.4.5),
written through the services at the times they claim (core/clock.py), in both
languages: a corporate client's late check-out, reviewed before it was accepted with
conditions and committed; a family segment's wish still to be reviewed; the published
promise "check-in within 5 minutes" with its capability review and a monthly
fulfilment, one month of which was not kept (a nonconformity). Registered by apps.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import Characteristic, ContactPoint

from . import fulfilment
from .models import Channel, CommitmentKind, RequirementKind, RequirementSource, ReviewDecision
from .services import commitments as cms
from .services import requirements as reqs

# Timed check-ins per month (share within 5 minutes, sample), the oldest first; the
# fourth month the desk system was upgraded and the promise was not kept.
CHECK_IN_MONTHS = [
    ("96.8", 124, ("", "")),
    ("97.4", 131, ("", "")),
    ("95.6", 118, ("", "")),
    (
        "91.3",
        127,
        (
            "Two of four desk stations were down for six days during the property-system "
            "upgrade; queues of up to 12 minutes at the evening peak.",
            "前台系统升级期间四个工作台中有两个停用六天，晚高峰排队最长达12分钟。",
        ),
    ),
    ("96.1", 122, ("", "")),
    ("97.9", 136, ("", "")),
]


@seeder(order=360, label=gettext_lazy("customer requirements and service commitments"))
def requirements_and_commitments(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    organization = organizations["lakeside"]
    site = Site.objects.get(organization=organization, code="HZ01")
    points = {p.code: p for p in ContactPoint.objects.filter(organization=organization)}
    characteristics = {c.key: c for c in Characteristic.objects.filter(organization=organization)}
    late_checkout(organization, site, points, characteristics, users)
    family_menu(organization, site, points, characteristics, users)
    check_in_promise(organization, site, points, characteristics, users)
    welcome_rating(organization, site, points, users)
    response_promise(organization, site, users)


def late_checkout(organization, site, points, characteristics, users) -> None:
    with clock.seeding_at(days_ago(75, 10, 20)):
        requirement = reqs.requirement_record(
            actor=users["staff"],
            organization=organization,
            site=site,
            source=RequirementSource.CONTRACT,
            kind=RequirementKind.EXPLICIT,
            customer_en="Tianyuan Pharmaceutical (corporate account)",
            customer_zh="天元制药（协议客户）",
            text_en=(
                "Their travelling staff check out at 16:00 instead of 12:00, at no charge, "
                "as the draft 2027 corporate agreement asks."
            ),
            text_zh="差旅员工免费延迟至16:00退房（原为12:00），见2027年协议草案。",
            reference="Corporate agreement draft 2027 §4.2",
            received_on=days_ago(75).date(),
            contact_points=[points["CHECKOUT"], points["ROOM"]],
            characteristics=[
                characteristics["facilities"],
                characteristics["procedure"],
                characteristics["scope"],
            ],
        )
    with clock.seeding_at(days_ago(73, 15, 0)):
        reqs.requirement_review(
            actor=users["manager"],
            requirement=requirement,
            decision=ReviewDecision.CONDITIONS,
            tangible_en=(
                "Rooms: at occupancy above 90 % a 16:00 check-out delays the next arrivals; "
                "housekeeping can turn 12 late rooms a day with the evening shift."
            ),
            tangible_zh="客房：入住率高于90%时16:00退房会耽误下一批入住；晚班客房部每天可多清扫12间。",
            intangible_en=(
                "Procedure: the property system flags the account's bookings; front desk "
                "confirms the late check-out the evening before. Staff briefed."
            ),
            intangible_zh="程序：酒店管理系统标记该协议客户的预订；前台在前一晚确认延迟退房。员工已培训。",
            reasons_en=(
                "Accepted with conditions: 16:00 when occupancy is below 90 %, otherwise "
                "14:00; requested by 20:00 the evening before."
            ),
            reasons_zh="有条件接受：入住率低于90%时16:00，否则14:00；须在前一晚20:00前提出。",
        )
    with clock.seeding_at(days_ago(72, 11, 30)):
        reqs.requirement_review(
            actor=users["manager"],
            requirement=requirement,
            decision=ReviewDecision.CONDITIONS,
            tangible_en="As in the first review: housekeeping can turn 12 late rooms a day.",
            tangible_zh="同首次评审：客房部每天可多清扫12间。",
            intangible_en="Procedure and briefing unchanged.",
            intangible_zh="程序与培训不变。",
            reasons_en=(
                "16:00 below 90 % occupancy, otherwise 14:00; asked by 20:00 the evening "
                "before. The client's travel office agreed by e-mail."
            ),
            reasons_zh="入住率低于90%时16:00，否则14:00；须前一晚20:00前提出。客户差旅部门已通过邮件同意。",
            customer_told_at=days_ago(72, 10, 45),
            customer_told_how=Channel.EMAIL,
            customer_agreed=True,
        )
    with clock.seeding_at(days_ago(72, 11, 40)):
        reqs.requirement_commit(actor=users["manager"], requirement=requirement)


def family_menu(organization, site, points, characteristics, users) -> None:
    with clock.seeding_at(days_ago(6, 19, 5)):
        reqs.requirement_record(
            actor=users["staff"],
            organization=organization,
            site=site,
            source=RequirementSource.CUSTOMER,
            kind=RequirementKind.POTENTIAL,
            customer_en="Families with young children",
            customer_zh="带幼儿的家庭",
            text_en=(
                "Three families this week asked for a children's menu and high chairs at dinner."
            ),
            text_zh="本周有三个家庭在晚餐时询问儿童菜单和儿童座椅。",
            received_on=days_ago(6).date(),
            contact_points=[points["RESTAURANT"]],
            characteristics=[characteristics["supplies"], characteristics["scope"]],
        )


def check_in_promise(organization, site, points, characteristics, users) -> None:
    months = len(CHECK_IN_MONTHS)
    today = clock.real_today()
    first_month = today.replace(day=1)
    for _ in range(months):
        first_month = (first_month - timedelta(days=1)).replace(day=1)
    drafted = clock.on(first_month - timedelta(days=12), 10)
    with clock.seeding_at(drafted):
        commitment = cms.commitment_create(
            actor=users["quality"],
            organization=organization,
            kind=CommitmentKind.PUBLISHED,
            site=site,
            promise_en="Check-in within 5 minutes of reaching the front desk.",
            promise_zh="到达前台后5分钟内办妥入住。",
            criterion_en=(
                "Share of check-ins completed within 5 minutes of reaching the desk, timed on "
                "a sample of arrivals every month."
            ),
            criterion_zh="每月抽样计时：到达前台后5分钟内办妥入住的比例。",
            target=Decimal("95"),
            unit="%",
            published_where_en="Poster at the front desk; the hotel's website and booking page",
            published_where_zh="前台海报；酒店官网及预订页面",
            owner=users["manager"],
            contact_point=points["ARRIVAL"],
            characteristic=characteristics["procedure"],
        )
    with clock.seeding_at(drafted + timedelta(days=3, hours=4)):
        cms.commitment_review(
            actor=users["quality"],
            commitment=commitment,
            approved=True,
            tangible_en=(
                "Four desk stations, two staffed at all times and four from 15:00 to 20:00; "
                "an ID scanner at each; a greeter in the lobby at the evening peak."
            ),
            tangible_zh="四个前台工作台，全天至少两个有人，15:00至20:00四个全开；每台配身份证读卡器；晚高峰大堂有迎宾员。",
            intangible_en=(
                "Arrivals are pre-registered from the reservations the evening before; the "
                "check-in procedure has five steps; every desk agent is trained and timed."
            ),
            intangible_zh="前一晚根据预订预先登记；入住流程共五步；每位前台员工均已培训并计时考核。",
            note_en="Timed on 40 arrivals over a week: 97 % within 5 minutes.",
            note_zh="一周内对40位客人计时：97%在5分钟内完成。",
        )
    with clock.seeding_at(drafted + timedelta(days=4, hours=2)):
        commitment = cms.commitment_activate(actor=users["quality"], commitment=commitment)
    month = first_month
    for share, sample, note in CHECK_IN_MONTHS:
        start, end = cms.month_bounds(month)
        with clock.seeding_at(clock.on(end + timedelta(days=2), 9, 30)):
            cms.fulfilment_record(
                actor=users["manager"],
                commitment=commitment,
                period_start=start,
                period_end=end,
                delivered=Decimal(share),
                sample_size=sample,
                note_en=note[0],
                note_zh=note[1],
            )
        month = end + timedelta(days=1)


WELCOME_BREACH = (
    "Fewer guests than promised rated their arrival 4 or 5: summer groups queued at the desk.",
    "给抵店评4分或5分的客人少于承诺：夏季团队在前台排队。",
)


def welcome_rating(organization, site, points, users) -> None:
    """A published promise measured from Fuwu's own data: the share of guests who rate
    their arrival 4 or 5, read from their evaluations month by month."""
    months = len(CHECK_IN_MONTHS)
    first_month = clock.real_today().replace(day=1)
    for _ in range(months):
        first_month = (first_month - timedelta(days=1)).replace(day=1)
    drafted = clock.on(first_month - timedelta(days=9), 11)
    with clock.seeding_at(drafted):
        commitment = cms.commitment_create(
            actor=users["quality"],
            organization=organization,
            kind=CommitmentKind.PUBLISHED,
            site=site,
            promise_en="Nine guests in ten rate their welcome 4 or 5 out of 5.",
            promise_zh="十位客人中有九位给我们的迎宾接待评4分或5分（满分5分）。",
            criterion_en=(
                "Share of evaluations of arrival and check-in rated 4 or 5, each month, from "
                "the guests' own evaluations."
            ),
            criterion_zh="每月顾客评价中抵店和入住登记获评4分或5分的比例。",
            target=Decimal("88"),
            unit="%",
            published_where_en="The hotel's website, “Our promises” page",
            published_where_zh="酒店官网“我们的承诺”页面",
            owner=users["quality"],
            contact_point=points["ARRIVAL"],
            fulfilment_source="evaluation_csat",
        )
    with clock.seeding_at(drafted + timedelta(days=1, hours=3)):
        cms.commitment_review(
            actor=users["quality"],
            commitment=commitment,
            approved=True,
            tangible_en="The lobby, the desk and the greeter as for the 5-minute check-in.",
            tangible_zh="大堂、前台和迎宾员配置与“5分钟入住”相同。",
            intangible_en=(
                "Guests rated arrival 4 or 5 in 90 % of the evaluations of the last quarter; "
                "the welcome is part of every desk agent's training."
            ),
            intangible_zh="上一季度90%的评价给抵店评4分或5分；迎宾接待是每位前台员工培训的内容。",
        )
    with clock.seeding_at(drafted + timedelta(days=2)):
        commitment = cms.commitment_activate(actor=users["quality"], commitment=commitment)
    source = fulfilment.get_source(commitment.fulfilment_source)
    month = first_month
    for _ in range(months):
        start, end = cms.month_bounds(month)
        month = end + timedelta(days=1)
        with clock.seeding_at(clock.on(end + timedelta(days=3), 9, 0)):
            measured = source.measure(commitment, start, end, users["quality"])
            if measured is None:
                continue
            note = ("", "") if commitment.kept(measured.value) else WELCOME_BREACH
            cms.fulfilment_record(
                actor=users["quality"],
                commitment=commitment,
                period_start=start,
                period_end=end,
                note_en=note[0],
                note_zh=note[1],
            )


def response_promise(organization, site, users) -> None:
    """A promise measured from the requests themselves: the share of West Lake's requests
    of the last four weeks that got their first response within the target."""
    drafted = days_ago(40, 15)
    with clock.seeding_at(drafted):
        commitment = cms.commitment_create(
            actor=users["manager"],
            organization=organization,
            kind=CommitmentKind.VERBAL,
            site=site,
            promise_en="Whatever you ask at West Lake, someone answers you within the hour.",
            promise_zh="在西湖店，无论您提出什么，一小时内都有人答复您。",
            criterion_en="Share of requests answered within their response target.",
            criterion_zh="在响应时限内得到首次答复的请求比例。",
            target=Decimal("90"),
            unit="%",
            owner=users["manager"],
            fulfilment_source="request_first_response",
        )
    with clock.seeding_at(drafted + timedelta(hours=20)):
        cms.commitment_review(
            actor=users["manager"],
            commitment=commitment,
            approved=True,
            tangible_en="Two desk agents on every shift; a duty manager on call at night.",
            tangible_zh="每班两名前台员工；夜间有值班经理待命。",
            intangible_en="The first-inquiry rule is part of every induction.",
            intangible_zh="首问负责制是每位新员工入职培训的内容。",
        )
    with clock.seeding_at(drafted + timedelta(days=1)):
        commitment = cms.commitment_activate(actor=users["manager"], commitment=commitment)
    start, end = clock.real_today() - timedelta(days=29), clock.real_today() - timedelta(days=1)
    with clock.seeding_at(days_ago(0, 8, 30)):
        measured = fulfilment.get_source(commitment.fulfilment_source).measure(
            commitment, start, end, users["manager"]
        )
        if measured is None:
            return
        kept = commitment.kept(measured.value)
        cms.fulfilment_record(
            actor=users["manager"],
            commitment=commitment,
            period_start=start,
            period_end=end,
            note_en="" if kept else "Night requests waited for the morning shift.",
            note_zh="" if kept else "夜间的请求等到早班才处理。",
        )
