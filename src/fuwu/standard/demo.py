# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of the standard app: scope statements, one justified exclusion and a
few auditor judgements, so the conformity dashboard has something true to say."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.demo import seeder
from fuwu.core.models import Organization

from . import services
from .conformity import Status
from .models import AssessmentResult, Clause, ConformitySnapshot
from .selectors import clause_by_ref

LAKESIDE_SCOPE_EN = (
    "Accommodation, food and beverage, concierge and meeting services of Lakeside Hotels "
    "at all its hotels, from reservation to post-stay follow-up."
)
LAKESIDE_SCOPE_ZH = "湖畔酒店集团各酒店从预订到离店回访的住宿、餐饮、礼宾和会议服务。"
CAFE_SCOPE_ZH = "海港咖啡一号码头店的咖啡、简餐和外带服务。"
CAFE_SCOPE_EN = "Coffee, light meals and take-away at Harbor Café Pier 1."


@seeder(order=150, label=_("scope, exclusions and auditor judgements"))
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
            "iso9001_certifier_en": "China Quality Certification Centre",
            "iso9001_certifier_zh": "中国质量认证中心",
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
        justification_en="Customers never leave belongings in the café's care: there is no "
        "cloakroom or storage, and lost items go straight to the pier's management office.",
        justification_zh="顾客的物品从不交由本店保管：店内没有衣帽间或寄存处，"
        "遗失物品直接送交码头管理处。",
    )
    judgements = [
        (
            "4.2.4.3",
            AssessmentResult.CONFORMING,
            "Appointment letter of the management "
            "representative (Sun Li) signed by the general manager, seen on 2026-10-12.",
            "已查阅总经理签署的管理者代表（孙丽）任命书，查阅日期 2026-10-12。",
        ),
        (
            "4.2.5",
            AssessmentResult.MINOR,
            "The last management review did not consider customer "
            "evaluation results of the West Lake hotel; its outputs name no owners.",
            "上次管理评审未考虑西湖酒店的顾客评价结果；其输出未指定责任人。",
        ),
        (
            "4.3.2",
            AssessmentResult.OBSERVATION,
            "Training records are complete at West Lake; Jinji Lake keeps them on paper only.",
            "西湖酒店的培训记录完整；金鸡湖酒店仅保存纸质记录。",
        ),
        # The items of 4.4.4 and 4.4.7 no automated check proves: seen on the same visit.
        (
            "4.4.4 a",
            AssessmentResult.CONFORMING,
            "The room directory, the website and the welcome at check-in explain the "
            "services and their hours; seen at West Lake.",
            "客房服务指南、官网和入住时的欢迎介绍说明了各项服务及其时间；在西湖酒店查看。",
        ),
        (
            "4.4.4 b",
            AssessmentResult.CONFORMING,
            "Pool and gym staff show guests the equipment before their first use.",
            "泳池和健身房员工在客人首次使用前演示设备的用法。",
        ),
        (
            "4.4.4 c",
            AssessmentResult.CONFORMING,
            "Desk and restaurant staff greeted guests by name; the quarter's mystery-shopper "
            "reports rate courtesy 4.5 of 5.",
            "前台和餐厅员工称呼客人姓名问候；本季度神秘顾客报告的礼貌评分为4.5分（满分5分）。",
        ),
        (
            "4.4.4 e",
            AssessmentResult.CONFORMING,
            "Evaluation QR codes at every contact point seen; return visits follow check-out.",
            "每个接触点均设有评价二维码；退房后安排回访。",
        ),
        (
            "4.4.7 a",
            AssessmentResult.CONFORMING,
            "Swimming-pool safety notices posted; a first-aid trained employee on every shift.",
            "游泳池安全须知已张贴；每班都有受过急救培训的员工。",
        ),
        (
            "4.4.7 c",
            AssessmentResult.OBSERVATION,
            "Bath towels at Jinji Lake carry no mark of their wash cycle.",
            "金鸡湖酒店的浴巾没有洗涤周期标识。",
        ),
    ]
    # The auditor's visit of 12 October 2026 (the notes say so), stamped then.
    visit = clock.on(date(2026, 10, 12), 15)
    for ref, result, note_en, note_zh in judgements:
        with clock.seeding_at(visit):
            services.assessment_record(
                actor=auditor,
                organization=lakeside,
                clause=clause_by_ref(ref),
                result=result,
                note_en=note_en,
                note_zh=note_zh,
            )


# How long each organization's trend reaches back: Lakeside a year, the café since it began.
TREND_DAYS = {"lakeside": 365, "harbor-cafe": 45}


@seeder(order=900, label=_("a year of the conformity trend"))
def conformity_trend(*, organizations: dict[str, Organization], users: dict[str, Any]) -> None:
    """Today's snapshot as the checks see it, and the days before it, written in bulk.

    The story: a clause that conforms today got there on a day of the year, more of them
    lately, as the documents and specifications were approved; until then it was not
    assessed. The day is drawn from the clause's reference, so every seed tells the same."""
    today = clock.real_today()
    # Counted as Report.clauses() counts: assessable clauses, not their lettered items.
    processes = {
        ref: process
        for ref, process in Clause.objects.filter(assessable=True).values_list("ref_id", "process")
        if " " not in ref
    }
    for slug, days in TREND_DAYS.items():
        organization = organizations[slug]
        latest = services.snapshot_take(organization=organization, on=today)
        rows = [
            ConformitySnapshot(
                organization=organization,
                taken_on=day,
                statuses=(statuses := _statuses_on(latest.statuses, (today - day).days, days)),
                summary=_summary(statuses, processes),
            )
            for day in (today - timedelta(days=n) for n in range(days, 0, -1))
        ]
        created = ConformitySnapshot.objects.bulk_create(rows, batch_size=200)
        for row in created:  # each taken the evening of its day
            row.created_at = row.updated_at = clock.on(row.taken_on, 23, 30)
        ConformitySnapshot.objects.bulk_update(created, ["created_at", "updated_at"], 200)


def _reached(ref: str, days: int) -> int:
    """How many days ago the clause reached today's status: more of them lately, and
    a few (those reached before the trend begins) all along."""
    fraction = int(hashlib.sha256(ref.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return int(1.3 * days * fraction**1.6)


def _statuses_on(final: dict[str, str], days_ago: int, days: int) -> dict[str, str]:
    return {
        ref: status
        if status == Status.EXCLUDED or _reached(ref, days) >= days_ago
        else Status.NOT_ASSESSED.value
        for ref, status in final.items()
    }


def _summary(statuses: dict[str, str], processes: dict[str, str]) -> dict[str, Any]:
    """The shape snapshot_take stores: counts overall and per process, and the score."""

    def counts(process: str | None = None) -> dict[str, int]:
        # As Report.clauses() counts: clauses, not their lettered items (4.5.4 a), which
        # roll up into them.
        result = {s.value: 0 for s in Status}
        for ref, status in statuses.items():
            if ref in processes and (process is None or processes[ref] == process):
                result[status] += 1
        return result

    overall = counts()
    applicable = sum(v for k, v in overall.items() if k != Status.EXCLUDED)
    score = round(100 * overall[Status.CONFORMING] / applicable) if applicable else None
    return {
        "overall": overall,
        "score": score,
        "processes": {p: counts(p) for p in sorted(set(processes.values()))},
    }
