"""Reads of inspections and audits that pages, the API, checks, cards and the
worker share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from fuwu.core.models import Organization
from fuwu.design.models import Frequency

from . import periods
from .models import (
    Audit,
    AuditStatus,
    InspectionResult,
    InspectionRound,
    MeasurementSettings,
    Outcome,
    RoundStatus,
)
from .snapshot import ControlPlan, control_plans


def settings_of(organization: Organization) -> MeasurementSettings:
    """The organization's settings, or the defaults (unsaved) when never changed."""
    found = MeasurementSettings.objects.filter(organization=organization).first()
    return found or MeasurementSettings(organization=organization)


def rounds_for(user: Any, organization: Organization | None = None) -> QuerySet[InspectionRound]:
    return (
        InspectionRound.objects.for_user(user, organization=organization)
        .select_related("site", "contact_point", "performed_by", "specification_version__document")
        .annotate(
            failed=Count("results", filter=Q(results__outcome=Outcome.FAIL)),
            items=Count("results"),
        )
    )


def results_of(round: InspectionRound) -> list[InspectionResult]:
    return list(round.results.select_related("photo", "recorded_by").order_by("order", "pk"))


@dataclass
class ScheduleLine:
    """One series of rounds: a contact point at a site, at one frequency."""

    plan: ControlPlan
    frequency: str
    last_due: date | None
    open_round: InspectionRound | None

    @property
    def next_due(self) -> date | None:
        if self.open_round is not None:
            return self.open_round.due_on
        return periods.next_due(self.last_due, self.frequency) if self.last_due else None

    @property
    def frequency_label(self) -> str:
        return str(Frequency(self.frequency).label)

    @property
    def overdue(self) -> bool:
        return self.open_round is not None and self.open_round.overdue


def schedule(organization: Organization, *, sites: list[int] | None = None) -> list[ScheduleLine]:
    """The series of scheduled rounds, from the approved control specifications
    (a fixed number of queries whatever the number of series)."""
    plans = control_plans(organization, sites=sites)
    rounds = InspectionRound.objects.filter(organization=organization).exclude(frequency="")
    if sites is not None:
        rounds = rounds.filter(site_id__in=sites)
    last = {
        (r["contact_point_id"], r["site_id"], r["frequency"]): r["last"]
        for r in rounds.values("contact_point_id", "site_id", "frequency").annotate(
            last=Max("due_on")
        )
    }
    open_rounds = {
        (r.contact_point_id, r.site_id, r.frequency): r
        for r in rounds.filter(status=RoundStatus.PLANNED).order_by("due_on")
    }
    lines = []
    for (point_id, site_id), plan in sorted(
        plans.items(), key=lambda kv: (kv[1].site.code, kv[1].point.order, kv[1].point.code)
    ):
        for frequency in plan.frequencies():
            if not periods.scheduled(frequency):
                continue
            key = (point_id, site_id, frequency)
            lines.append(ScheduleLine(plan, frequency, last.get(key), open_rounds.get(key)))
    return lines


def open_audits(organization: Organization) -> QuerySet[Audit]:
    return Audit.objects.filter(organization=organization).exclude(status=AuditStatus.COMPLETED)


def nonconformities_seen(user: Any, organization: Organization, ids: list[int | None]) -> dict:
    """The nonconformities raised by these records that the reader may see, by id."""
    from fuwu.improvement.models import Nonconformity

    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = Nonconformity.objects.for_user(user, organization=organization).filter(pk__in=wanted)
    return {nc.pk: nc for nc in rows}
