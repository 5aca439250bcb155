"""Inspection rounds: generated from the approved control specification, performed
item by item, completed (raising nonconformities for failed items), and kept on
schedule by the worker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import attachment_add, number_next, record_create, record_update
from fuwu.design.models import ContactPoint

from .. import criteria, periods
from ..models import (
    InspectionKind,
    InspectionResult,
    InspectionRound,
    MeasurementSettings,
    Outcome,
    RoundStatus,
)
from ..snapshot import ControlPlan, control_plan, control_plans, item_snapshot
from .raising import raise_for_round

PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def _check_site(actor: User, organization: Organization, site: Site | None) -> None:
    if site is None or site.organization_id != organization.pk:
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if not in_site_scope(actor, organization, site.pk):
        raise PermissionDenied(_("This site is outside your sites."))


def _build(
    plan: ControlPlan,
    *,
    actor: Any,
    kind: str,
    frequency: str,
    due_on: date,
) -> InspectionRound:
    """Write a round and its items from the plan (inside the caller's transaction)."""
    organization = plan.point.organization
    chosen = plan.items_for(frequency)
    if not chosen:
        raise StateConflict(
            _("The control specification has no inspection item at this frequency.")
        )
    reaction_en, reaction_zh = plan.reaction_texts()
    round = record_create(
        InspectionRound,
        actor=actor,
        data={
            "organization": organization,
            "number": number_next(organization=organization, prefix="IR", year=due_on.year),
            "kind": kind,
            "site": plan.site,
            "contact_point": plan.point,
            "specification_version": plan.version,
            "addendum_version": plan.addendum,
            "frequency": frequency,
            "due_on": due_on,
            "reaction_en": reaction_en,
            "reaction_zh": reaction_zh,
        },
    )
    rows = [
        InspectionResult(
            organization=organization,
            round=round,
            site=plan.site,
            order=index,
            **item_snapshot(item, from_addendum=from_addendum),
        )
        for index, (item, from_addendum) in enumerate(chosen)
    ]
    InspectionResult.objects.bulk_create(rows)
    # One entry for the items of the round: they are its snapshot, written at once.
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=round,
        object_type="measurement.inspectionresult",
        object_id=str(round.pk),
        object_repr=f"{round.number} items",
        after={"items": [snapshot(row) for row in round.results.all()]},
    )
    return round


def round_create(
    *,
    actor: User,
    organization: Organization,
    site: Site,
    contact_point: ContactPoint,
    kind: str = InspectionKind.INSPECTION,
    frequency: str = "",
    due_on: date | None = None,
) -> InspectionRound:
    """A round of a contact point at a site from its approved control specification
    (and the site's approved addendum): all items, or those of one frequency."""
    require(actor, organization, "measurement.perform_inspections")
    _check_site(actor, organization, site)
    if contact_point is None or contact_point.organization_id != organization.pk:
        raise ValidationError({"contact_point": _("Choose a contact point of this organization.")})
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": _("Choose a type of inspection.")})
    if frequency and not periods.scheduled(frequency):
        raise ValidationError({"frequency": _("Choose a frequency.")})
    plan = control_plan(contact_point, site)
    if plan is None:
        raise StateConflict(
            _("%(point)s has no approved control specification with inspection items at %(site)s.")
            % {"point": contact_point.label, "site": site.name}
        )
    with transaction.atomic():
        return _build(
            plan,
            actor=actor,
            kind=kind,
            frequency=frequency,
            due_on=due_on or timezone.localdate(),
        )


def _require_open(round: InspectionRound) -> None:
    if round.status != RoundStatus.PLANNED:
        raise StateConflict(_("This inspection round is completed; it can no longer change."))


def _check_performer(actor: User, round: InspectionRound) -> None:
    require(actor, round.organization, "measurement.perform_inspections")
    if not in_site_scope(actor, round.organization, round.site_id):
        raise PermissionDenied(_("This site is outside your sites."))


def _judge(result: InspectionResult, outcome: str, measured: Decimal | None) -> str:
    """The outcome, checked against the criterion where a value was measured."""
    if outcome and outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose pass, fail or not applicable.")})
    bound = criteria.parse(result.criterion_en) or criteria.parse(result.criterion_zh)
    if measured is None or bound is None or outcome == Outcome.NOT_APPLICABLE:
        if not outcome or outcome == Outcome.PENDING:
            raise ValidationError({"outcome": _("Choose pass, fail or not applicable.")})
        return outcome
    verdict = Outcome.PASS if bound.met_by(measured) else Outcome.FAIL
    if outcome and outcome != verdict:
        raise ValidationError(
            {
                "measured_value": _(
                    "The measured value %(value)s does not agree with the result chosen: "
                    "the criterion is %(criterion)s."
                )
                % {"value": measured, "criterion": str(bound)}
            }
        )
    return verdict


def result_record(
    *,
    actor: User,
    result: InspectionResult,
    outcome: str = "",
    measured_value: Decimal | None = None,
    note: str = "",
    photo: UploadedFile | None = None,
) -> InspectionResult:
    """Record one item of an open round: pass, fail or not applicable, a measured
    value (judged against a numeric criterion), a note and a photo."""
    round = result.round
    _check_performer(actor, round)
    _require_open(round)
    if photo is not None:
        name = (photo.name or "").lower()
        if not name.endswith(PHOTO_TYPES):
            raise ValidationError({"photo": _("The photo must be a JPEG, PNG, WebP or GIF image.")})
    verdict = _judge(result, outcome, measured_value)
    with transaction.atomic():
        data: dict[str, Any] = {
            "outcome": verdict,
            "measured_value": measured_value,
            "note": note,
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        }
        if photo is not None:
            data["photo"] = attachment_add(actor=actor, record=result, upload=photo)
        return record_update(result, actor=actor, data=data)


def round_complete(*, actor: User, round: InspectionRound, note: str = "") -> InspectionRound:
    """Complete a round whose items are all recorded; failed items raise
    nonconformities (per item or one per round, as the organization chose)."""
    _check_performer(actor, round)
    with transaction.atomic():
        InspectionRound.objects.select_for_update().filter(pk=round.pk).exists()  # lock the row
        round.refresh_from_db()
        _require_open(round)
        pending = round.results.filter(outcome=Outcome.PENDING).count()
        if pending:
            raise ValidationError(
                ngettext(
                    "%(count)s item is not checked yet: record it before completing.",
                    "%(count)s items are not checked yet: record each before completing.",
                    pending,
                )
                % {"count": pending}
            )
        record_update(
            round,
            actor=actor,
            data={
                "status": RoundStatus.COMPLETED,
                "completed_at": timezone.now(),
                "performed_by": actor,
                "note": note,
            },
        )
        raise_for_round(actor=actor, round=round)
        return round


SETTINGS_FIELDS = (
    "nonconformity_grain",
    "audit_cycle_months",
    "min_responses",
    "satisfaction_target",
)


def settings_update(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> MeasurementSettings:
    require(actor, organization, "measurement.manage_settings")
    fields = {k: v for k, v in data.items() if k in SETTINGS_FIELDS}
    with transaction.atomic():
        current = MeasurementSettings.objects.filter(organization=organization).first()
        if current is None:
            return record_create(
                MeasurementSettings, actor=actor, data=fields | {"organization": organization}
            )
        return record_update(current, actor=actor, data=fields)


# -- the worker -------------------------------------------------------------------------


def due_rounds_create(*, organization: Organization, today: date | None = None) -> int:
    """Create the round of each series that falls due (one per series: missed periods
    are not piled up, the missed round stays flagged overdue). Returns how many."""
    from ..selectors import schedule

    today = today or timezone.localdate()
    created = 0
    plans = control_plans(organization)
    with transaction.atomic():
        for line in schedule(organization):
            if line.open_round is not None:
                continue
            if line.last_due is None:
                due = today
            else:
                due = periods.next_due(line.last_due, line.frequency)
                if due > today:
                    continue
                due = periods.latest_due_on_or_before(due, line.frequency, today)
            plan = plans[(line.plan.point.pk, line.plan.site.pk)]
            _build(
                plan,
                actor=None,
                kind=InspectionKind.INSPECTION,
                frequency=line.frequency,
                due_on=due,
            )
            created += 1
    return created


def overdue_rounds_flag(*, organization: Organization, today: date | None = None) -> int:
    """Flag the open scheduled rounds whose period has ended. Returns how many."""
    today = today or timezone.localdate()
    flagged = 0
    with transaction.atomic():
        rounds = InspectionRound.objects.filter(
            organization=organization, status=RoundStatus.PLANNED, overdue=False
        ).exclude(frequency="")
        for round in rounds:
            if periods.next_due(round.due_on, round.frequency) <= today:
                record_update(round, actor=None, data={"overdue": True})
                flagged += 1
    return flagged
