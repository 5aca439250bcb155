# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of measurement (autodiscovered by `fuwu demo`): inspection rounds at
each Lakeside hotel since its control specifications were approved, a few failed
items that raised nonconformities, two mystery-shopper visits and one missed round;
the internal audit programme with last spring's audit, its re-audit, the autumn
audit and one still to come; Harbor Café's few rounds. Written through the services
at the times they claim (core/clock.py); the passing rounds in bulk, per week."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site
from fuwu.improvement.services import nonconformities as ncs

from . import (
    demo_evaluations,  # noqa: F401 - registers its seeder
    demo_reviews,  # noqa: F401 - registers its seeder
    demo_studies,  # noqa: F401 - registers its seeder
    periods,
    services,
)
from .checklist import applicable_refs
from .demo_data import AUDITS, CAFE_FAILURE, DISPOSITION, FAILURES, FINDINGS, RE_AUDIT, ROOT
from .models import InspectionKind, InspectionRound
from .services.imports import PastRound, rounds_import
from .snapshot import ControlPlan, control_plans

MISSED = ("WX01", "LUGGAGE", "weekly")  # one round not done: the check names it


@seeder(order=320, label=_("inspection rounds"))
def inspection_rounds(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    inspections(
        organizations["lakeside"],
        users,
        performer=lambda site: users["staff"] if site.code == "HZ01" else users["quality"],
    )
    inspections(
        organizations["harbor-cafe"],
        {"quality": users["cafe"], "manager": users["cafe"]},
        performer=lambda site: users["cafe"],
        cafe=True,
    )


@seeder(order=325, label=_("internal audits"))
def internal_audits(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    audits(organizations["lakeside"], users)


def _series(plan: ControlPlan, frequency: str, today: date) -> list[date]:
    """The due dates of a series since its specification was approved, up to the last
    whose period has ended (the current one is the worker's to create)."""
    approved = (
        clock.real_today() if plan.version.approved_at is None else plan.version.approved_at.date()
    )
    due, dates = approved + timedelta(days=1), []
    while periods.next_due(due, frequency) <= today:
        dates.append(due)
        due = periods.next_due(due, frequency)
    return dates


def _done_at(due: date, hour: int = 10) -> Any:
    return clock.on(due, hour)


def inspections(
    organization: Any, users: dict[str, Any], *, performer: Any, cafe: bool = False
) -> None:
    today = clock.real_today()
    plans = control_plans(organization)
    # (site, contact point) -> (days ago, measured value, note en, note zh)
    if cafe:
        site = Site.objects.filter(organization=organization).order_by("code").first()
        failures = {(site.code, CAFE_FAILURE[0]): CAFE_FAILURE[1:]}
    else:
        failures = {(code, point): rest for code, point, *rest in FAILURES}
    batches: dict[date, list[PastRound]] = {}
    by_hand: list[tuple[ControlPlan, str, date, tuple]] = []
    for (_point, _site), plan in plans.items():
        for frequency in plan.frequencies():
            if not periods.scheduled(frequency):
                continue
            dates = _series(plan, frequency, today)
            if (plan.site.code, plan.point.code, frequency) == MISSED and dates:
                by_hand.append((plan, frequency, dates[-1], ()))  # left undone
                dates = dates[:-1]
            failure = (
                failures.get((plan.site.code, plan.point.code)) if frequency == "weekly" else None
            )
            failing_day = None
            if failure and dates:
                wanted = today - timedelta(days=failure[0])
                failing_day = min(dates, key=lambda d: abs((d - wanted).days))
                by_hand.append((plan, frequency, failing_day, failure))
            for due in dates:
                if due != failing_day:
                    # Recorded in bulk at the end of the week they were done in.
                    batches.setdefault(due + timedelta(days=6 - due.weekday()), []).append(
                        PastRound(
                            plan.site,
                            plan.point,
                            frequency,
                            due,
                            performer(plan.site),
                            _done_at(due, 9 + due.day % 8),
                        )
                    )
    if not cafe:
        for code, days in (("SZ01", 75), ("WX01", 40)):
            plan = next(
                (p for p in plans.values() if p.site.code == code and p.point.code == "ARRIVAL"),
                None,
            )
            if plan is not None:
                due = today - timedelta(days=days)
                batches.setdefault(due + timedelta(days=6 - due.weekday()), []).append(
                    PastRound(
                        plan.site,
                        plan.point,
                        "",
                        due,
                        users["quality"],
                        _done_at(due, 16),
                        InspectionKind.MYSTERY_SHOPPER,
                    )
                )
    actor = users["quality"]
    for day in sorted(batches):
        with clock.seeding_at(clock.on(min(day, today), 18)):
            rounds_import(actor=actor, organization=organization, rounds=batches[day])
    for plan, frequency, due, failure in by_hand:
        _by_hand(plan, frequency, due, failure, performer(plan.site), users)
    # The worker's round of the period running now (and the missed one is flagged).
    with clock.seeding_at(clock.real_now()):
        services.overdue_rounds_flag(organization=organization)
        services.due_rounds_create(organization=organization)


def _by_hand(
    plan: ControlPlan,
    frequency: str,
    due: date,
    failure: tuple,
    performer: Any,
    users: dict[str, Any],
) -> None:
    with clock.seeding_at(clock.on(due, 7)):
        round = services.round_create(
            actor=performer,
            organization=plan.point.organization,
            site=plan.site,
            contact_point=plan.point,
            frequency=frequency,
            due_on=due,
        )
    if not failure:
        return  # the missed round: created on time, never done
    value, en, zh = failure[1], failure[2], failure[3]
    with clock.seeding_at(clock.on(due, 11)):
        for result in round.results.order_by("order"):
            if result.order == 0:
                services.result_record(
                    actor=performer,
                    result=result,
                    outcome="" if value else "fail",
                    measured_value=Decimal(value) if value else None,
                    # A note is one person's words in their language: the hotels'
                    # staff write Chinese (the nonconformity quotes it in both).
                    note=zh or en,
                )
            else:
                services.result_record(actor=performer, result=result, outcome="pass")
        services.round_complete(actor=performer, round=round)
    _settle(round, users, due)


def _settle(round: InspectionRound, users: dict[str, Any], due: date) -> None:
    """The site's manager (the quality manager away from West Lake) analyses and
    disposes of the nonconformity the next day; older ones are closed a week on."""
    from fuwu.improvement.models import Nonconformity

    planner = users["manager"] if round.site.code == "HZ01" else users["quality"]
    for nc in Nonconformity.objects.filter(source_type="inspection", source_id=str(round.pk)):
        with clock.seeding_at(clock.on(due + timedelta(days=1), 9)):
            ncs.nonconformity_analyse(
                actor=planner,
                nonconformity=nc,
                cause_category="method",
                root_cause_en=ROOT[0],
                root_cause_zh=ROOT[1],
            )
            ncs.nonconformity_dispose(
                actor=planner,
                nonconformity=nc,
                disposition_en=DISPOSITION[0],
                disposition_zh=DISPOSITION[1],
                customer_informed=True,
            )
        closing = due + timedelta(days=8)
        if closing < clock.real_today():
            with clock.seeding_at(clock.on(closing, 16)):
                ncs.nonconformity_close(actor=users["quality"], nonconformity=nc)


# -- internal audits ---------------------------------------------------------------


def audits(organization: Any, users: dict[str, Any]) -> None:
    quality, auditor = users["quality"], users["auditor"]
    sites = {s.code: s for s in Site.objects.filter(organization=organization)}
    starts = clock.real_today() - timedelta(days=280)
    with clock.seeding_at(days_ago(290, 10)):
        programme = services.programme_create(
            actor=quality,
            organization=organization,
            data={
                "title_en": f"Internal audit programme {starts.year}–{starts.year + 1}",
                "title_zh": f"{starts.year}–{starts.year + 1}年度内部审核方案",
                "starts_on": starts,
            },
        )
    refs = applicable_refs(organization)
    planned = set()
    made = {}
    for key, ago, site, process_en, process_zh, prefixes in AUDITS:
        clauses = [r for r in refs if r.startswith(prefixes) and r not in planned]
        if key == "measure":
            clauses += [r for r in refs if r not in planned and r not in clauses]
        planned.update(clauses)
        start = clock.real_today() - timedelta(days=ago)
        with clock.seeding_at(days_ago(285, 11)):
            made[key] = services.audit_create(
                actor=quality,
                organization=organization,
                programme=programme,
                data={
                    "site": sites.get(site) if site else None,
                    "process_en": process_en,
                    "process_zh": process_zh,
                    "clauses": clauses,
                    "auditor": auditor,
                    "planned_start": start,
                    "planned_end": start + timedelta(days=2),
                },
            )
        if ago > 0:
            _perform(made[key], FINDINGS[key], auditor, ago, conclusion=True)
    front = made["front"]
    finding = front.findings.get(grade="minor")
    with clock.seeding_at(days_ago(236, 9)):
        ncs.nonconformity_analyse(
            actor=users["manager"],
            nonconformity=_nc(finding),
            cause_category="method",
            root_cause_en="No one was named to record the hand-over when the night auditor "
            "was away.",
            root_cause_zh="夜审不在时，没有指定由谁记录交接班。",
        )
        ncs.nonconformity_dispose(
            actor=users["manager"],
            nonconformity=_nc(finding),
            disposition_en="The missing hand-overs were reconstructed from the system log.",
            disposition_zh="根据系统日志补记了缺失的交接班记录。",
        )
    start = clock.real_today() - timedelta(days=190)
    with clock.seeding_at(days_ago(200, 10)):
        again = services.audit_follow_up_create(
            actor=quality, audit=front, data={"planned_start": start, "planned_end": start}
        )
    _perform(again, [(finding.clause, "conformity", *RE_AUDIT)], auditor, 190, conclusion=False)
    with clock.seeding_at(days_ago(189, 15)):
        ncs.nonconformity_close(actor=quality, nonconformity=_nc(finding))


def _nc(finding: Any) -> Any:
    from fuwu.improvement.models import Nonconformity

    return Nonconformity.objects.get(pk=finding.nonconformity_id)


def _perform(
    audit: Any, findings: list[tuple], auditor: Any, ago: int, *, conclusion: bool
) -> None:
    with clock.seeding_at(days_ago(ago, 9)):
        services.audit_start(actor=auditor, audit=audit)
    for index, (clause, grade, en, zh, ev_en, ev_zh) in enumerate(findings):
        with clock.seeding_at(days_ago(ago, 10 + index)):
            services.finding_record(
                actor=auditor,
                audit=audit,
                data={
                    "clause": clause,
                    "grade": grade,
                    "description_en": en,
                    "description_zh": zh,
                    "evidence_en": ev_en,
                    "evidence_zh": ev_zh,
                },
            )
    with clock.seeding_at(days_ago(ago - 2, 16)):
        services.audit_complete(
            actor=auditor,
            audit=audit,
            conclusion_en="The audited processes conform, with the findings recorded."
            if conclusion
            else "The nonconformity is corrected.",
            conclusion_zh="所审核的过程符合要求，发现项如记录。"
            if conclusion
            else "不合格已纠正。",
        )
