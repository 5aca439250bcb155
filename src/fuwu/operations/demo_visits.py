# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of return visits at Lakeside's West Lake hotel, written through the
services at the times they claim (core/clock.py), in both languages: the rule "three
days after check-out", three months of check-outs entered at the front desk, their
visits performed with the guests' satisfaction answers (evaluations with channel
"return visit"), some guests not reached, one visit overdue, one still to come, and
one guest's maintenance request (an invoice to issue again) tracked to its closure."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .services import requests as requests_services
from .services import visits as services

# (outcome English, outcome Chinese, satisfaction)
OUTCOMES: list[tuple[str, str, int]] = [
    (
        "The guest enjoyed the stay; praised the quiet room and the breakfast.",
        "客人对住宿满意，称赞房间安静、早餐丰富。",
        5,
    ),
    (
        "Satisfied overall; the check-out queue on Sunday morning was long.",
        "总体满意；周日上午退房排队较长。",
        4,
    ),
    (
        "The guest will come back for the autumn conference; asked for the same room.",
        "客人秋季会议时还会入住，希望安排同一房间。",
        5,
    ),
    (
        "Satisfied; the air conditioning was noisy the first night, fixed at once.",
        "满意；第一晚空调噪音大，已立即修好。",
        4,
    ),
    (
        "Neutral: the room was fine, the gym closed early.",
        "一般：房间不错，健身房关门太早。",
        3,
    ),
]
NOT_REACHED = (
    "No answer on two calls; a message was left.",
    "两次致电无人接听，已留言。",
)
ROOMS = ("Room 1208", "Room 806", "Room 1512", "Room 0917", "Room 1103", "Room 702")


@seeder(order=336, label=gettext_lazy("return visits after check-out"))
def return_visits(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    organization = organizations["lakeside"]
    site = Site.objects.get(organization=organization, code="HZ01")
    checkout = ContactPoint.objects.get(organization=organization, code="CHECKOUT")
    with clock.seeding_at(days_ago(100, 9)):
        services.rule_create(
            actor=users["manager"],
            organization=organization,
            site=site,
            contact_point=checkout,
            trigger="service_ended",
            days_after=3,
            purpose_en="Ask how the stay was, whether anything was left unresolved, and how "
            "satisfied the guest is overall.",
            purpose_zh="询问住宿感受、是否有未解决的问题，以及总体满意程度。",
        )
    staff = users["staff"]
    n = 0
    for ago in range(97, 0, -4):
        n += 1
        ended = days_ago(ago, 11, (n * 13) % 60)
        named = n % 3 == 0
        with clock.seeding_at(ended + timedelta(minutes=2)):
            visit = services.visit_plan(
                actor=staff,
                organization=organization,
                site=site,
                contact_point=checkout,
                service_ended_at=ended,
                customer_reference=ROOMS[n % len(ROOMS)],
                customer_name="Mr Wang" if named else "",
                customer_contact="139 1234 5678" if named else "",
                consent=named,
                consent_purpose="To call after the stay" if named else "",
            )
        due = ago - 3
        if due <= 2:
            # Due two days ago and not done: the overdue one; the others still to come.
            continue
        when = days_ago(due, 15, (n * 7) % 60)
        with clock.seeding_at(when - timedelta(hours=1)):
            services.visit_assign(actor=users["manager"], visit=visit, assigned_to=staff)
        reached = n % 7 != 0
        en, zh, satisfaction = OUTCOMES[n % len(OUTCOMES)]
        # Within the month of requests the demo tells (demo_requests.py).
        maintenance = ago == 21
        with clock.seeding_at(when + timedelta(minutes=1)):
            visit = services.visit_perform(
                actor=staff,
                visit=visit,
                reached=reached,
                channel="phone",
                outcome_en=en if reached else NOT_REACHED[0],
                outcome_zh=zh if reached else NOT_REACHED[1],
                satisfaction=satisfaction if reached else None,
                maintenance_en="Issue the invoice again with the company's tax number."
                if maintenance
                else "",
                maintenance_zh="重新开具含公司税号的发票。" if maintenance else "",
                performed_at=when,
                language="zh-hans" if n % 2 else "en",
            )
        if visit.maintenance_request is not None:
            _complete(visit.maintenance_request, staff, when)
        if visit.has_identity:
            # The purpose is served: the site manager erases the guest's name and phone.
            with clock.seeding_at(when + timedelta(days=1)):
                services.visit_erase_identity(actor=users["manager"], visit=visit)
    with clock.seeding_at(days_ago(0, 6)):
        services.visits_flag_overdue(organization=organization)


def _complete(request: Any, staff: Any, asked: Any) -> None:
    """The invoice issued again within the quarter hour, the guest confirms by noon
    (the targets of a normal request: 30 minutes, 24 hours)."""
    with clock.seeding_at(asked + timedelta(minutes=15)):
        request = requests_services.request_step(
            actor=staff,
            request=request,
            step="respond",
            text_en="Invoice issued again with the tax number and e-mailed to the guest.",
            text_zh="已重新开具含税号的发票并通过电子邮件发给客人。",
        )
    with clock.seeding_at(asked + timedelta(hours=3)):
        requests_services.request_close(actor=staff, request=request, confirmation="satisfied")
