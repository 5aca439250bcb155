"""Rounds performed earlier, recorded in bulk: paper records brought in, a
migration, the demo's year. Each round is checked like one recorded item by item
(permission, site scope, the approved control specification) and keeps its own
audit entry; the rows are written in bulk so a year of rounds stays fast."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record_many, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import numbers_next
from fuwu.design.models import ContactPoint

from ..models import InspectionKind, InspectionResult, InspectionRound, Outcome, RoundStatus
from ..snapshot import control_plans, item_snapshot


@dataclass(frozen=True)
class PastRound:
    """A round done earlier in which every item passed (failures are recorded item
    by item, so that they raise their nonconformities)."""

    site: Site
    contact_point: ContactPoint
    frequency: str
    due_on: date
    performed_by: User
    completed_at: datetime
    kind: str = InspectionKind.INSPECTION


def rounds_import(
    *, actor: User, organization: Organization, rounds: list[PastRound]
) -> list[InspectionRound]:
    """Record completed rounds against the control specifications approved now."""
    require(actor, organization, "measurement.perform_inspections")
    for past in rounds:
        if past.site.organization_id != organization.pk or not in_site_scope(
            actor, organization, past.site.pk
        ):
            raise PermissionDenied(_("This site is outside your sites."))
    plans = control_plans(organization)
    with transaction.atomic():
        numbers: dict[int, list[str]] = {}
        for year in sorted({past.due_on.year for past in rounds}):
            count = sum(1 for past in rounds if past.due_on.year == year)
            numbers[year] = numbers_next(
                organization=organization, prefix="IR", year=year, count=count
            )[::-1]
        made: list[tuple[InspectionRound, list]] = []
        for past in rounds:
            plan = plans.get((past.contact_point.pk, past.site.pk))
            chosen = plan.items_for(past.frequency) if plan is not None else []
            if not chosen:
                raise StateConflict(
                    _(
                        "%(point)s has no approved control specification with inspection "
                        "items at %(site)s."
                    )
                    % {"point": past.contact_point.label, "site": past.site.name}
                )
            reaction_en, reaction_zh = plan.reaction_texts()
            round = InspectionRound(
                organization=organization,
                number=numbers[past.due_on.year].pop(),
                kind=past.kind,
                site=past.site,
                contact_point=past.contact_point,
                specification_version=plan.version,
                addendum_version=plan.addendum,
                frequency=past.frequency,
                due_on=past.due_on,
                status=RoundStatus.COMPLETED,
                performed_by=past.performed_by,
                completed_at=past.completed_at,
                reaction_en=reaction_en,
                reaction_zh=reaction_zh,
            )
            made.append((round, chosen))
        InspectionRound.objects.bulk_create([r for r, _c in made])
        results = [
            InspectionResult(
                organization=organization,
                round=round,
                site=round.site,
                order=index,
                outcome=Outcome.PASS,
                recorded_by=round.performed_by,
                recorded_at=round.completed_at,
                **item_snapshot(item, from_addendum=from_addendum),
            )
            for round, chosen in made
            for index, (item, from_addendum) in enumerate(chosen)
        ]
        InspectionResult.objects.bulk_create(results)
        by_round: dict[int, list[InspectionResult]] = {}
        for result in results:
            by_round.setdefault(result.round_id, []).append(result)
        audit_record_many(
            actor=actor,
            action=AuditAction.CREATE,
            records=[
                (round, snapshot(round) | {"items": [snapshot(r) for r in by_round[round.pk]]})
                for round, _chosen in made
            ],
        )
        return [round for round, _c in made]
