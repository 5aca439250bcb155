# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Maintenance and return visits (4.4.8, A.4.6).

Rules say how many days after a service event at a contact point of a site a return
visit is due. The worker (jobs.py) plans the visits of the events Fuwu records itself
(a request or complaint closed, customer property handed back); staff enter the end
of a service Fuwu does not see (a check-out) and the rule plans its visit. A visit is
assigned, then performed: the customer reached or not, how, the outcome, and the
satisfaction answer, stored as a customer evaluation with channel "return visit" at
the contact point's collection point (measurement), so it counts in the satisfaction
data. A maintenance need found on the visit is logged as a customer request in the
performer's name and tracked to completion as every request is (ADR 0038).

Each write is one transaction with its audit record; a visit performed already is
refused with 409. The customer's identity is kept only with consent, never written to
the audit trail."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import can, in_site_scope, require
from fuwu.core.services import number_next
from fuwu.design.models import ContactPoint

from ..models import (
    Channel,
    CustomerRequest,
    PropertyItem,
    PropertyStatus,
    RequestStatus,
    ReturnVisit,
    ReturnVisitRule,
    VisitStatus,
    VisitTrigger,
)
from .common import check_contact_point, check_site, require_text
from .requests import _identity

PLAN = "operations.plan_visits"
PERFORM = "operations.perform_visits"
MAX_DAYS = 365
IDENTITY = ("customer_name", "customer_contact")
# The worker looks back this far for events; older ones were planned or predate the rule.
LOOK_BACK_DAYS = 60


def _audited(visit: ReturnVisit) -> dict[str, Any]:
    data = snapshot(visit)
    for name in IDENTITY:
        if data.get(name):
            data[name] = "(given)"
        elif visit.identity_erased_at:
            data[name] = "(erased)"
    return data


def _save(actor: Any, visit: ReturnVisit, **changes: Any) -> ReturnVisit:
    before = _audited(visit)
    for name, value in changes.items():
        setattr(visit, name, value)
    visit.full_clean()
    visit.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, instance=visit, before=before, after=_audited(visit)
    )
    return visit


def _in_scope(actor: Any, visit: ReturnVisit, capability: str = PERFORM) -> None:
    require(actor, visit.organization, capability)
    if not in_site_scope(actor, visit.organization, visit.site_id):
        raise PermissionDenied(_("This visit is at a site outside your sites."))


def _days(days_after: Any) -> int:
    if not isinstance(days_after, int) or not 0 <= days_after <= MAX_DAYS:
        raise ValidationError(
            {"days_after": _("Give a number of days from 0 to %(max)s.") % {"max": MAX_DAYS}}
        )
    return days_after


# -- rules --------------------------------------------------------------------------------------


def rule_create(
    *,
    actor: Any,
    organization: Organization,
    site: Site,
    contact_point: ContactPoint,
    trigger: str,
    days_after: int,
    purpose_en: str = "",
    purpose_zh: str = "",
) -> ReturnVisitRule:
    """A rule at a site of the actor's: a return visit `days_after` days after
    `trigger` at the contact point. One rule per site, point and trigger."""
    require(actor, organization, PLAN)
    check_site(actor, organization, site)
    if contact_point is None:
        raise ValidationError({"contact_point": _("Choose the contact point.")})
    check_contact_point(organization, site, contact_point)
    if trigger not in VisitTrigger.values:
        raise ValidationError({"trigger": _("Choose the service event the visit follows.")})
    days_after = _days(days_after)
    require_text("purpose", purpose_en, purpose_zh, _("Say what the visit asks the customer."))
    with transaction.atomic():
        if ReturnVisitRule.objects.filter(
            site=site, contact_point=contact_point, trigger=trigger
        ).exists():
            raise ValidationError(
                {"trigger": _("This contact point has a rule for this event already.")}
            )
        rule = ReturnVisitRule(
            organization=organization,
            site=site,
            contact_point=contact_point,
            trigger=trigger,
            days_after=days_after,
            purpose_en=purpose_en or "",
            purpose_zh=purpose_zh or "",
            created_by=actor,
        )
        rule.full_clean()
        rule.save()
        audit_record(actor=actor, action=AuditAction.CREATE, instance=rule, after=snapshot(rule))
        return rule


def rule_update(
    *,
    actor: Any,
    rule: ReturnVisitRule,
    days_after: int | None = None,
    purpose_en: str | None = None,
    purpose_zh: str | None = None,
    is_active: bool | None = None,
) -> ReturnVisitRule:
    """Change the days, what the visit asks, or stop the rule (visits planned stay)."""
    require(actor, rule.organization, PLAN)
    if not in_site_scope(actor, rule.organization, rule.site_id):
        raise PermissionDenied(_("This rule is at a site outside your sites."))
    changes: dict[str, Any] = {}
    if days_after is not None:
        changes["days_after"] = _days(days_after)
    for name, value in (
        ("purpose_en", purpose_en),
        ("purpose_zh", purpose_zh),
        ("is_active", is_active),
    ):
        if value is not None:
            changes[name] = value
    require_text(
        "purpose",
        changes.get("purpose_en", rule.purpose_en),
        changes.get("purpose_zh", rule.purpose_zh),
        _("Say what the visit asks the customer."),
    )
    with transaction.atomic():
        rule = ReturnVisitRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(rule)
        for name, value in changes.items():
            setattr(rule, name, value)
        rule.full_clean()
        rule.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=rule,
            before=before,
            after=snapshot(rule),
        )
        return rule


# -- planning -------------------------------------------------------------------------------------


def _create(actor: Any, rule: ReturnVisitRule | None, **fields: Any) -> ReturnVisit:
    organization = fields["organization"]
    visit = ReturnVisit(
        number=number_next(organization=organization, prefix="RV"),
        rule=rule,
        planned_by=actor,
        **fields,
    )
    visit.full_clean()
    visit.save()
    audit_record(actor=actor, action=AuditAction.CREATE, instance=visit, after=_audited(visit))
    return visit


def visit_plan(
    *,
    actor: Any,
    organization: Organization,
    site: Site,
    contact_point: ContactPoint,
    service_ended_at: datetime | None = None,
    due_on: date | None = None,
    customer_reference: str = "",
    customer_name: str = "",
    customer_contact: str = "",
    consent: bool = False,
    consent_purpose: str = "",
    assigned_to: Any = None,
) -> ReturnVisit:
    """Enter the end of a service Fuwu does not see (e.g. a guest's check-out) at a
    contact point of a site of the actor's: the rule for "service ended" there plans
    the visit (due so many days later); without a rule the due date is given. Whom to
    visit: a reference (room, booking), and a name and contact only with consent."""
    require(actor, organization, PERFORM)
    check_site(actor, organization, site)
    if contact_point is None:
        raise ValidationError({"contact_point": _("Choose the contact point.")})
    check_contact_point(organization, site, contact_point)
    now = timezone.now()
    service_ended_at = service_ended_at or now
    if service_ended_at > now:
        raise ValidationError(
            {"service_ended_at": _("A service cannot end in the future; enter it when it ends.")}
        )
    rule = ReturnVisitRule.objects.filter(
        site=site,
        contact_point=contact_point,
        trigger=VisitTrigger.SERVICE_ENDED,
        is_active=True,
    ).first()
    if due_on is None:
        if rule is None:
            raise ValidationError(
                {"due_on": _("No rule plans visits here: say when the visit is due.")}
            )
        due_on = timezone.localdate(service_ended_at) + timedelta(days=rule.days_after)
    if due_on < timezone.localdate(service_ended_at):
        raise ValidationError({"due_on": _("A return visit cannot be due before the service.")})
    reference = (customer_reference or "").strip()[:120]
    identity = _identity(customer_name, customer_contact, consent, consent_purpose)
    if not (reference or identity.get("customer_name") or identity.get("customer_contact")):
        raise ValidationError(
            {"customer_reference": _("Say whom to visit: a room, a booking or a name.")}
        )
    if assigned_to is not None:
        _check_assignee(organization, site, assigned_to)
    with transaction.atomic():
        return _create(
            actor,
            rule,
            organization=organization,
            site=site,
            contact_point=contact_point,
            trigger=VisitTrigger.SERVICE_ENDED,
            service_ended_at=service_ended_at,
            due_on=due_on,
            customer_reference=reference,
            assigned_to=assigned_to,
            **identity,
        )


def _events(rule: ReturnVisitRule, since: datetime):
    """The events of a rule not yet planned: (model field, record, when)."""
    if rule.trigger == VisitTrigger.REQUEST_CLOSED:
        planned = ReturnVisit.objects.filter(rule=rule, source_request__isnull=False)
        rows = (
            CustomerRequest.objects.filter(
                organization_id=rule.organization_id,
                site_id=rule.site_id,
                contact_point_id=rule.contact_point_id,
                status=RequestStatus.CLOSED,
                closed_at__gte=since,
            )
            .exclude(pk__in=planned.values("source_request_id"))
            .order_by("closed_at", "pk")
        )
        return [("source_request", r, r.closed_at, r.number) for r in rows]
    if rule.trigger == VisitTrigger.PROPERTY_RETURNED:
        planned = ReturnVisit.objects.filter(rule=rule, source_property__isnull=False)
        rows = (
            PropertyItem.objects.filter(
                organization_id=rule.organization_id,
                site_id=rule.site_id,
                contact_point_id=rule.contact_point_id,
                status=PropertyStatus.RETURNED,
                returned_at__gte=since,
            )
            .exclude(pk__in=planned.values("source_property_id"))
            .order_by("returned_at", "pk")
        )
        return [("source_property", r, r.returned_at, r.number) for r in rows]
    return []


def visits_generate(*, organization: Organization) -> int:
    """Plan a visit for every request closed and every item handed back at a contact
    point with an active rule for that event, once per event (after the rule was set
    up, within the last LOOK_BACK_DAYS); run by `fuwu worker`. Returns how many."""
    now = timezone.now()
    count = 0
    rules = ReturnVisitRule.objects.filter(
        organization=organization,
        is_active=True,
        trigger__in=[VisitTrigger.REQUEST_CLOSED, VisitTrigger.PROPERTY_RETURNED],
    ).select_related("organization")
    for rule in rules:
        since = max(rule.created_at, now - timedelta(days=LOOK_BACK_DAYS))
        for field, record, when, reference in _events(rule, since):
            with transaction.atomic():
                if ReturnVisit.objects.filter(rule=rule, **{field: record}).exists():
                    continue
                _create(
                    None,
                    rule,
                    organization=organization,
                    site_id=rule.site_id,
                    contact_point_id=rule.contact_point_id,
                    trigger=rule.trigger,
                    service_ended_at=when,
                    due_on=timezone.localdate(when) + timedelta(days=rule.days_after),
                    customer_reference=reference,
                    **{field: record},
                )
                count += 1
    return count


# -- assignment ---------------------------------------------------------------------------------


def _check_assignee(organization: Organization, site: Site | Any, user: Any) -> None:
    site_id = getattr(site, "pk", site)
    if not (
        getattr(user, "is_active", False)
        and can(user, organization, PERFORM)
        and in_site_scope(user, organization, site_id)
    ):
        raise ValidationError(
            {"assigned_to": _("Choose someone who performs return visits at this site.")}
        )


def visit_assign(*, actor: Any, visit: ReturnVisit, assigned_to: Any) -> ReturnVisit:
    """Give the visit to someone who performs visits at its site (a site manager or
    above assigns; anyone of the front line may take a visit for themselves)."""
    taking = assigned_to is not None and assigned_to.pk == getattr(actor, "pk", None)
    _in_scope(actor, visit, PERFORM if taking else PLAN)
    if assigned_to is None:
        raise ValidationError({"assigned_to": _("Choose who performs the visit.")})
    _check_assignee(visit.organization, visit.site_id, assigned_to)
    with transaction.atomic():
        visit = ReturnVisit.objects.select_for_update().get(pk=visit.pk)
        if not visit.is_planned:
            raise StateConflict(_("This visit was performed already."))
        return _save(actor, visit, assigned_to=assigned_to)


# -- performing -----------------------------------------------------------------------------------


def _evaluation(visit: ReturnVisit, satisfaction: int, comment: str, language: str) -> Any:
    """The satisfaction answer as a customer evaluation with channel "return visit" at
    the collection point of the visit's site and contact point: its overall rating
    question (the first rating the form asks)."""
    from fuwu.measurement.models import Channel as EvaluationChannel
    from fuwu.measurement.models import CollectionPoint, QuestionType
    from fuwu.measurement.services.collection import (
        SubmissionInvalid,
        evaluation_submit,
        questions_of_version,
    )

    point = (
        CollectionPoint.objects.filter(
            organization_id=visit.organization_id,
            site_id=visit.site_id,
            contact_point_id=visit.contact_point_id,
            is_active=True,
        )
        .select_related("instrument__current_version")
        .first()
    )
    rating = None
    if point is not None:
        rating = next(
            (
                q
                for q in questions_of_version(point.instrument.current_version)
                if q.type == QuestionType.RATING and not q.after_low_rating
            ),
            None,
        )
    if rating is None:
        raise ValidationError(
            {
                "satisfaction": _(
                    "Customers' evaluations are not collected at this contact point with a "
                    "rating question: ask the quality manager to set up its collection point."
                )
            }
        )
    try:
        evaluation, _new = evaluation_submit(
            point=point,
            submission_id=f"return-visit-{visit.organization_id}-{visit.pk}",
            answers={str(rating.pk): satisfaction},
            language="zh-hans" if language.startswith("zh") else "en",
            comment=comment[:2000],
            # `visit_id` is the customer's own visit (a stay) their device names; the
            # return visit links to its evaluation instead.
            visit_id="",
            channel=EvaluationChannel.RETURN_VISIT,
        )
    except SubmissionInvalid as invalid:
        raise ValidationError({"satisfaction": "; ".join(invalid.errors.values())}) from None
    return evaluation


def _maintenance(actor: Any, visit: ReturnVisit, text_en: str, text_zh: str) -> CustomerRequest:
    from .requests import request_log

    prefix_en, prefix_zh = f"Maintenance from return visit {visit.number}: ", "回访维护要求："
    return request_log(
        actor=actor,
        organization=visit.organization,
        site=visit.site,
        kind="request",
        channel=visit.channel or Channel.PHONE,
        contact_point=visit.contact_point,
        summary_en=prefix_en + text_en if text_en else "",
        summary_zh=prefix_zh + text_zh if text_zh else "",
    )


def visit_perform(
    *,
    actor: Any,
    visit: ReturnVisit,
    reached: bool = True,
    channel: str = Channel.PHONE,
    outcome_en: str = "",
    outcome_zh: str = "",
    satisfaction: int | None = None,
    maintenance_en: str = "",
    maintenance_zh: str = "",
    performed_at: datetime | None = None,
    language: str = "en",
) -> ReturnVisit:
    """Record the visit: the customer reached or not, how, what came of it. Reached,
    the satisfaction answer (1-5) becomes an evaluation with channel "return visit";
    a maintenance need becomes a customer request tracked to completion. 409 for a
    visit performed already."""
    _in_scope(actor, visit)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Say how the customer was visited.")})
    require_text("outcome", outcome_en, outcome_zh, _("Say what came of the visit."))
    if satisfaction is not None:
        if not reached:
            raise ValidationError(
                {"satisfaction": _("A customer not reached gave no satisfaction answer.")}
            )
        if isinstance(satisfaction, bool) or not isinstance(satisfaction, int):
            raise ValidationError({"satisfaction": _("Choose a value from 1 to 5.")})
        if not 1 <= satisfaction <= 5:
            raise ValidationError({"satisfaction": _("Choose a value from 1 to 5.")})
    if not reached and (maintenance_en or maintenance_zh):
        raise ValidationError(
            {"maintenance_en": _("A customer not reached asked for no maintenance.")}
        )
    now = timezone.now()
    performed_at = performed_at or now
    if performed_at > now:
        raise ValidationError({"performed_at": _("A visit cannot be performed in the future.")})
    with transaction.atomic():
        visit = ReturnVisit.objects.select_for_update().select_related("site").get(pk=visit.pk)
        if not visit.is_planned:
            raise StateConflict(_("This visit was performed already."))
        if performed_at < visit.service_ended_at:
            raise ValidationError(
                {"performed_at": _("A return visit cannot come before the service it follows.")}
            )
        visit = _save(
            actor,
            visit,
            status=VisitStatus.DONE if reached else VisitStatus.NOT_REACHED,
            performed_at=performed_at,
            performed_by=actor,
            channel=channel,
            outcome_en=outcome_en or "",
            outcome_zh=outcome_zh or "",
            satisfaction=satisfaction,
            assigned_to=visit.assigned_to or actor,
        )
        changes: dict[str, Any] = {}
        if satisfaction is not None:
            # The customer's words, in the language they were written down in.
            zh = language.startswith("zh")
            comment = (outcome_zh or outcome_en) if zh else (outcome_en or outcome_zh)
            changes["evaluation"] = _evaluation(visit, satisfaction, comment, language)
        if maintenance_en or maintenance_zh:
            changes["maintenance_request"] = _maintenance(
                actor, visit, maintenance_en, maintenance_zh
            )
        if changes:
            visit = _save(actor, visit, **changes)
        return visit


# -- overdue (the worker) -------------------------------------------------------------------


def overdue_q(today: date | None = None) -> Q:
    return Q(status=VisitStatus.PLANNED, due_on__lt=today or timezone.localdate())


def visits_flag_overdue(*, organization: Organization) -> int:
    """Flag every planned visit past its due date, once; run by `fuwu worker`."""
    now = timezone.now()
    count = 0
    for pk in list(
        ReturnVisit.objects.filter(organization=organization, overdue_flagged_at__isnull=True)
        .filter(overdue_q())
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            visit = ReturnVisit.objects.select_for_update().get(pk=pk)
            if visit.overdue_flagged_at is not None or not visit.is_overdue:
                continue
            _save(None, visit, overdue_flagged_at=now)
            count += 1
    return count


def visit_update(
    *,
    actor: Any,
    visit: ReturnVisit,
    due_on: date | None = None,
    customer_reference: str | None = None,
) -> ReturnVisit:
    """Move a planned visit (a new date clears its overdue flag) or correct whom it
    visits. 409 once it is performed."""
    _in_scope(actor, visit)
    changes: dict[str, Any] = {}
    if due_on is not None and due_on != visit.due_on:
        if due_on < timezone.localdate(visit.service_ended_at):
            raise ValidationError({"due_on": _("A return visit cannot be due before the service.")})
        changes |= {"due_on": due_on, "overdue_flagged_at": None}
    if customer_reference is not None:
        changes["customer_reference"] = customer_reference.strip()[:120]
    with transaction.atomic():
        visit = ReturnVisit.objects.select_for_update().get(pk=visit.pk)
        if not visit.is_planned:
            raise StateConflict(_("This visit was performed already."))
        return _save(actor, visit, **changes) if changes else visit


def visit_erase_identity(*, actor: Any, visit: ReturnVisit) -> ReturnVisit:
    """Erase the customer's name and contact (the visit is done, or they asked): the
    visit, its consent and the erasure stay on record."""
    require(actor, visit.organization, "operations.erase_customer_data")
    if not in_site_scope(actor, visit.organization, visit.site_id):
        raise PermissionDenied(_("This visit is at a site outside your sites."))
    with transaction.atomic():
        visit = ReturnVisit.objects.select_for_update().get(pk=visit.pk)
        if not visit.has_identity:
            return visit
        return _save(
            actor, visit, customer_name="", customer_contact="", identity_erased_at=timezone.now()
        )
