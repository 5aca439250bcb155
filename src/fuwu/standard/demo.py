"""Demo data of the standard app: scope statements, one justified exclusion and a
few auditor judgements, so the conformity dashboard has something true to say."""

from __future__ import annotations

from datetime import date
from typing import Any

from fuwu.core import clock
from fuwu.core.demo import seeder
from fuwu.core.models import Organization

from . import services
from .models import AssessmentResult
from .selectors import clause_by_ref

LAKESIDE_SCOPE_EN = (
    "Accommodation, food and beverage, concierge and meeting services of Lakeside Hotels "
    "at all its hotels, from reservation to post-stay follow-up."
)
LAKESIDE_SCOPE_ZH = "湖畔酒店集团各酒店从预订到离店回访的住宿、餐饮、礼宾和会议服务。"
CAFE_SCOPE_ZH = "海港咖啡一号码头店的咖啡、简餐和外带服务。"
CAFE_SCOPE_EN = "Coffee, light meals and take-away at Harbor Café Pier 1."


@seeder(order=150)
def seed_standard(*, organizations: dict[str, Organization], users: dict[str, Any]) -> None:
    lakeside, cafe = organizations["lakeside"], organizations["harbor-cafe"]
    demo, auditor, owner = users["demo"], users["auditor"], users["cafe"]

    services.scope_update(
        actor=demo,
        organization=lakeside,
        data={
            "statement_en": LAKESIDE_SCOPE_EN,
            "statement_zh": LAKESIDE_SCOPE_ZH,
            "all_sites": True,
            "iso9001_certificate": "CN-QMS-2024-01867",
            "iso9001_certifier": "China Quality Certification Centre",
            # Issued in June 2024 for three years, as ISO 9001 certificates are.
            "iso9001_valid_until": date(2027, 5, 31),
        },
    )
    services.scope_update(
        actor=owner,
        organization=cafe,
        data={"statement_en": CAFE_SCOPE_EN, "statement_zh": CAFE_SCOPE_ZH, "all_sites": True},
    )
    services.applicability_set(
        actor=owner,
        organization=cafe,
        clause=clause_by_ref("4.4.7 b"),
        applicable=False,
        justification="Customers never leave belongings in the café's care: there is no cloakroom "
        "or storage, and lost items go straight to the pier's management office.",
    )
    judgements = [
        (
            "4.2.4.3",
            AssessmentResult.CONFORMING,
            "Appointment letter of the management "
            "representative (Sun Li) signed by the general manager, seen on 2026-10-12.",
        ),
        (
            "4.2.5",
            AssessmentResult.MINOR,
            "The last management review did not consider customer "
            "evaluation results of the West Lake hotel; its outputs name no owners.",
        ),
        (
            "4.3.2",
            AssessmentResult.OBSERVATION,
            "Training records are complete at West Lake; Jinji Lake keeps them on paper only.",
        ),
    ]
    # The auditor's visit of 12 October 2026 (the notes say so), stamped then.
    visit = clock.on(date(2026, 10, 12), 15)
    for ref, result, note in judgements:
        with clock.seeding_at(visit):
            services.assessment_record(
                actor=auditor,
                organization=lakeside,
                clause=clause_by_ref(ref),
                result=result,
                note=note,
            )
