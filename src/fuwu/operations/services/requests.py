# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Requests, enquiries, complaints and compliments (4.2.2): logged in seconds by
whoever the customer asked, who stays the first owner until closure; handled through
the steps of workflow.py; transferred with a reason; escalated to the site manager
when a target is missed; a complaint closed unresolved or with the customer
dissatisfied raises a nonconformity with a remedial action (improvement's sources).

The customer's identity is kept only with consent and a purpose, never written to
the audit trail (only that one was given or erased), and erasable."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Membership, Organization, Role, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import can, in_site_scope, require
from fuwu.core.services import number_next
from fuwu.design.models import ContactPoint

from ..models import (
    OPEN_STATUSES,
    Channel,
    Confirmation,
    CustomerRequest,
    EventKind,
    Priority,
    RequestEvent,
    RequestKind,
    RequestStatus,
)
from ..workflow import CLOSE_COMPLAINTS, HANDLE, transition, workflow_for
from .common import check_contact_point, check_site, require_text
from .settings import settings_of

LOG = "operations.log_requests"
ERASE = "operations.erase_customer_data"
IDENTITY = ("customer_name", "customer_contact")


# -- the audit trail never holds a customer's identity ------------------------------------


def _audited(record: CustomerRequest) -> dict[str, Any]:
    data = snapshot(record)
    for name in IDENTITY:
        if data.get(name):
            data[name] = "(given)"
        elif record.identity_erased_at:
            data[name] = "(erased)"
    return data


def _event(
    record: CustomerRequest,
    kind: str,
    actor: Any,
    *,
    note: tuple[str, str] = ("", ""),
    from_user: Any = None,
    to_user: Any = None,
) -> RequestEvent:
    event = RequestEvent.objects.create(
        organization_id=record.organization_id,
        request=record,
        kind=kind,
        at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_user=from_user,
        to_user=to_user,
        note_en=note[0] or "",
        note_zh=note[1] or "",
    )
    audit_record(actor=actor, action=AuditAction.CREATE, instance=event, after=snapshot(event))
    return event


def _save(actor: Any, record: CustomerRequest, **changes: Any) -> CustomerRequest:
    before = _audited(record)
    for name, value in changes.items():
        setattr(record, name, value)
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=record,
        before=before,
        after=_audited(record),
    )
    return record


def _locked(record: CustomerRequest) -> CustomerRequest:
    return CustomerRequest.objects.select_for_update().get(pk=record.pk)


# -- logging ----------------------------------------------------------------------------------


def _identity(name: str, contact: str, consent: bool, purpose: str) -> dict[str, Any]:
    name, contact, purpose = (name or "").strip(), (contact or "").strip(), (purpose or "").strip()
    if not (name or contact):
        return {"customer_name": "", "customer_contact": "", "consent_purpose": ""}
    if not consent:
        raise ValidationError(
            {"consent": _("Keep who the customer is only with their consent: ask them first.")}
        )
    if not purpose:
        raise ValidationError(
            {"consent_purpose": _("Say why the customer's identity is kept (e.g. to call back).")}
        )
    if contact and "@" in contact:
        try:
            validate_email(contact)
        except ValidationError as exc:
            raise ValidationError(
                {"customer_contact": _("This e-mail address does not look right.")}
            ) from exc
    elif contact and not 6 <= sum(c.isdigit() for c in contact) <= 15:
        raise ValidationError({"customer_contact": _("Give a phone number or an e-mail address.")})
    return {
        "customer_name": name[:120],
        "customer_contact": contact[:254],
        "consent_purpose": purpose[:300],
        "consented_at": timezone.now(),
    }


def due_times(organization: Organization, kind: str, priority: str, received_at: datetime):
    targets = settings_of(organization)
    return (
        received_at + timedelta(minutes=targets.response_minutes(kind, priority)),
        received_at + timedelta(hours=targets.resolution_hours(kind, priority)),
    )


def request_log(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    site: Site,
    summary_en: str = "",
    summary_zh: str = "",
    priority: str = Priority.NORMAL,
    channel: str = Channel.IN_PERSON,
    contact_point: ContactPoint | None = None,
    immediate_action_en: str = "",
    immediate_action_zh: str = "",
    met_at_once: bool = False,
    customer_told_at_once: bool = False,
    customer_name: str = "",
    customer_contact: str = "",
    consent: bool = False,
    consent_purpose: str = "",
    received_at: datetime | None = None,
) -> CustomerRequest:
    """Log what a customer asked; the actor becomes its first owner and handler.
    Met at once (a request, enquiry or compliment), it is closed there and then;
    the customer told at once, the first response is given. Numbered CP-YEAR-NNNN
    for a complaint, RQ-YEAR-NNNN otherwise; one transaction, audited."""
    require(actor, organization, LOG)
    check_site(actor, organization, site)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Choose request, enquiry, complaint or compliment.")})
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choose urgent, high or normal.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the customer reached us.")})
    check_contact_point(organization, site, contact_point)
    require_text(
        "summary", summary_en, summary_zh, _("Write what the customer asked, in either language.")
    )
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise ValidationError({"received_at": _("A request cannot be received in the future.")})
    acted = bool((immediate_action_en or "").strip() or (immediate_action_zh or "").strip())
    if met_at_once and not acted:
        raise ValidationError(
            {"immediate_action_en": _("Say what was done at once for the customer.")}
        )
    identity = _identity(customer_name, customer_contact, consent, consent_purpose)
    response_due, resolution_due = due_times(organization, kind, priority, received_at)
    at_once = met_at_once or customer_told_at_once
    with transaction.atomic():
        prefix = "CP" if kind == RequestKind.COMPLAINT else "RQ"
        record = CustomerRequest(
            organization=organization,
            number=number_next(organization=organization, prefix=prefix),
            kind=kind,
            priority=priority,
            channel=channel,
            site=site,
            contact_point=contact_point,
            received_at=received_at,
            summary_en=summary_en or "",
            summary_zh=summary_zh or "",
            immediate_action_en=immediate_action_en or "",
            immediate_action_zh=immediate_action_zh or "",
            met_at_once=met_at_once,
            customer_told_at_once=customer_told_at_once,
            first_owner=actor,
            handler=actor,
            response_due_at=response_due,
            resolution_due_at=resolution_due,
            first_response_at=received_at if at_once else None,
            **identity,
        )
        record.full_clean()
        record.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=record, after=_audited(record)
        )
        _event(record, EventKind.RECEIVED, actor, note=(immediate_action_en, immediate_action_zh))
        if met_at_once and kind != RequestKind.COMPLAINT:
            # Met there and then: responded to and closed with the logging.
            _save(
                actor,
                record,
                status=RequestStatus.CLOSED,
                responded_at=now,
                response_en=immediate_action_en or "",
                response_zh=immediate_action_zh or "",
                closed_at=now,
                closed_by=actor,
                resolved=True,
            )
            _event(record, EventKind.CLOSED, actor)
        return record


# -- the steps ------------------------------------------------------------------------------

STEP_FIELDS = {
    "acknowledge": (EventKind.ACKNOWLEDGED, None, None),
    "assess": (EventKind.ASSESSED, "assessment", None),
    "investigate": (EventKind.INVESTIGATED, "findings", None),
    "respond": (EventKind.RESPONDED, "response", "responded_at"),
    "decide": (EventKind.DECIDED, "decision", "decided_at"),
}
STEP_MESSAGES = {
    "assessment": gettext_lazy("Write the assessment: how serious, how complex, what it needs."),
    "findings": gettext_lazy("Write what the investigation found."),
    "response": gettext_lazy("Write the response given to the customer."),
    "decision": gettext_lazy("Write the decision communicated to the customer."),
}


def request_step(
    *,
    actor: Any,
    request: CustomerRequest,
    step: str,
    text_en: str = "",
    text_zh: str = "",
    priority: str = "",
) -> CustomerRequest:
    """Take a step of the workflow (acknowledge, assess, investigate, respond,
    decide) with its text; a step not allowed from the status answers 409. Assessing
    may change the priority (and the targets with it)."""
    record = request
    step_transition = transition(record, step)
    if step_transition is None or step not in STEP_FIELDS:
        raise StateConflict(
            _("A %(kind)s has no step “%(step)s”.")
            % {"kind": record.get_kind_display().lower(), "step": step}
        )
    event_kind, text_field, stamp = STEP_FIELDS[step]
    if text_field:
        require_text(text_field, text_en, text_zh, str(STEP_MESSAGES[text_field]))
    if priority and priority not in Priority.values:
        raise ValidationError({"priority": _("Choose urgent, high or normal.")})
    with transaction.atomic():
        record = _locked(record)
        workflow_for(record).require_transition(actor, record, step_transition)
        now = timezone.now()
        changes: dict[str, Any] = {"status": step_transition.target}
        if text_field:
            changes[f"{text_field}_en"] = text_en or ""
            changes[f"{text_field}_zh"] = text_zh or ""
        if stamp:
            changes[stamp] = now
        if record.first_response_at is None and step in ("acknowledge", "respond"):
            changes["first_response_at"] = now
        if step == "assess" and priority and priority != record.priority:
            _response, resolution = due_times(
                record.organization, record.kind, priority, record.received_at
            )
            changes["priority"] = priority
            changes["resolution_due_at"] = resolution
        _save(actor, record, **changes)
        _event(record, event_kind, actor, note=("", "") if text_field else (text_en, text_zh))
        return record


def request_close(
    *,
    actor: Any,
    request: CustomerRequest,
    confirmation: str = "",
    resolved: bool = True,
    note_en: str = "",
    note_zh: str = "",
) -> CustomerRequest:
    """Close with the customer's confirmation (satisfied, not satisfied, could not
    be asked). A complaint needs the confirmation and is closed by a site manager or
    above; closed unresolved or with the customer not satisfied, it raises a
    nonconformity with a remedial action, in the closer's name."""
    record = request
    close = transition(record, "close")
    if confirmation and confirmation not in Confirmation.values:
        raise ValidationError({"confirmation": _("Choose what the customer said.")})
    if record.is_complaint and not confirmation:
        raise ValidationError(
            {"confirmation": _("A complaint closes with the customer's confirmation: ask them.")}
        )
    unhappy = record.is_complaint and (confirmation == Confirmation.DISSATISFIED or not resolved)
    if unhappy:
        require_text(
            "note",
            note_en,
            note_zh,
            _("Say what is still wrong: it becomes the nonconformity's description."),
        )
    with transaction.atomic():
        record = _locked(record)
        workflow_for(record).require_transition(actor, record, close)
        now = timezone.now()
        changes: dict[str, Any] = {
            "status": RequestStatus.CLOSED,
            "closed_at": now,
            "closed_by": actor,
            "confirmation": confirmation or "",
            "resolved": bool(resolved),
            "closure_note_en": note_en or "",
            "closure_note_zh": note_zh or "",
        }
        if unhappy:
            changes["nonconformity"] = _raise_nonconformity(actor, record, note_en, note_zh)
        _save(actor, record, **changes)
        _event(record, EventKind.CLOSED, actor, note=(note_en, note_zh))
        return record


def _raise_nonconformity(actor: Any, record: CustomerRequest, note_en: str, note_zh: str) -> Any:
    from fuwu.improvement.models import ActionKind
    from fuwu.improvement.services.actions import action_plan
    from fuwu.improvement.services.nonconformities import raise_nonconformity

    summary = (record.summary_en, record.summary_zh)
    nc = raise_nonconformity(
        actor=actor,
        organization=record.organization,
        site=record.site,
        source="complaint",
        source_object=record,
        contact_point=record.contact_point,
        severity="major" if record.priority == Priority.URGENT else "minor",
        description_en=(
            f"{record.number}: {summary[0] or summary[1]}\n{note_en or note_zh}".strip()
        ),
        description_zh=(
            f"{record.number}：{summary[1] or summary[0]}\n{note_zh or note_en}".strip()
        ),
        immediate_remedy_en=record.decision_en or record.response_en,
        immediate_remedy_zh=record.decision_zh or record.response_zh,
        customer_informed=True,
        customer_affected=True,
    )
    action_plan(
        actor=actor,
        organization=record.organization,
        nonconformity=nc,
        kind=ActionKind.REMEDIAL,
        owner=record.first_owner if _may_own(record.first_owner, record) else actor,
        due_on=timezone.localdate() + timedelta(days=7),
        description_en=_en_remedy(record),
        description_zh=f"{record.number}：再次联系客人，弥补其所受影响，并确认其满意。",
    )
    return nc


def _en_remedy(record: CustomerRequest) -> str:
    return f"{record.number}: contact the customer again, put right what they suffered, confirm."


def _may_own(user: Any, record: CustomerRequest) -> bool:
    organization = record.organization
    return can(user, organization, "improvement.complete_actions") and in_site_scope(
        user, organization, record.site_id
    )


# -- transfers ------------------------------------------------------------------------------


def request_transfer(
    *,
    actor: Any,
    request: CustomerRequest,
    to: Any,
    reason_en: str = "",
    reason_zh: str = "",
) -> CustomerRequest:
    """Hand the work to another person (with a reason); the first owner stays
    accountable, and the transfer is a line of the timeline. The handler, the first
    owner or a site manager transfers; the new handler works at the request's site."""
    record = request
    organization = record.organization
    require(actor, organization, HANDLE)
    if not in_site_scope(actor, organization, record.site_id):
        raise PermissionDenied(_("This request is at a site outside your sites."))
    if actor.pk not in (record.handler_id, record.first_owner_id) and not can(
        actor, organization, CLOSE_COMPLAINTS
    ):
        raise PermissionDenied(
            _("Only its handler, its first owner or a site manager may transfer it.")
        )
    require_text("reason", reason_en, reason_zh, _("Say why the work is handed over."))
    if to is None or not getattr(to, "pk", None):
        raise ValidationError({"to": _("Choose the person who takes it over.")})
    if not (can(to, organization, HANDLE) and in_site_scope(to, organization, record.site_id)):
        raise ValidationError({"to": _("Choose someone who handles requests at this site.")})
    with transaction.atomic():
        record = _locked(record)
        if record.status not in OPEN_STATUSES:
            raise StateConflict(_("This request is closed; it can no longer be transferred."))
        if to.pk == record.handler_id:
            raise ValidationError({"to": _("This person handles it already.")})
        previous = record.handler
        _save(actor, record, handler=to)
        _event(
            record,
            EventKind.TRANSFERRED,
            actor,
            note=(reason_en, reason_zh),
            from_user=previous,
            to_user=to,
        )
        return record


# -- privacy ---------------------------------------------------------------------------------


def request_erase_identity(*, actor: Any, request: CustomerRequest) -> CustomerRequest:
    """Erase the customer's name and contact (the purpose is served, or they asked):
    the request, its consent and the erasure stay on record."""
    record = request
    require(actor, record.organization, ERASE)
    if not in_site_scope(actor, record.organization, record.site_id):
        raise PermissionDenied(_("This request is at a site outside your sites."))
    with transaction.atomic():
        record = _locked(record)
        if not record.has_identity:
            return record
        _save(
            actor, record, customer_name="", customer_contact="", identity_erased_at=timezone.now()
        )
        _event(record, EventKind.ERASED, actor)
        return record


# -- escalation (the worker) -----------------------------------------------------------------


def site_manager_of(organization: Organization, site_id: int) -> Any:
    """The site manager of the site (the first by name), else a quality manager."""
    memberships = Membership.objects.filter(
        organization=organization, is_active=True, user__is_active=True
    ).select_related("user")
    for roles in ({Role.SITE_MANAGER}, {Role.QUALITY_MANAGER, Role.ADMIN}):
        found = (
            memberships.filter(role__in=roles)
            .filter(Q(all_sites=True) | Q(sites=site_id))
            .order_by("role", "user__username")
            .first()
        )
        if found is not None:
            return found.user
    return None


def overdue_q(now: datetime) -> Q:
    """Open requests past a target: no first response by its time, or unresolved."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(first_response_at__isnull=True, response_due_at__lt=now) | Q(resolution_due_at__lt=now)
    )


def overdue_escalate(*, organization: Organization) -> int:
    """Escalate every open request past a target to its site's manager, once; run
    by `fuwu worker` (jobs.py). Returns how many were escalated."""
    now = timezone.now()
    count = 0
    candidates = CustomerRequest.objects.filter(
        overdue_q(now), organization=organization, escalated_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            record = CustomerRequest.objects.select_for_update().get(pk=pk)
            if record.escalated_at is not None or record.status not in OPEN_STATUSES:
                continue
            manager = site_manager_of(organization, record.site_id)
            _save(None, record, escalated_at=now, escalated_to=manager)
            late = (
                ("No first response by its target.", "未在目标时间内首次答复。")
                if record.first_response_at is None and record.response_due_at < now
                else ("Not resolved by its target.", "未在目标时间内解决。")
            )
            _event(record, EventKind.ESCALATED, None, note=late, to_user=manager)
            count += 1
    return count
